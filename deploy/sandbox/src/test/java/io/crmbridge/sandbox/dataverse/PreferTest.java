package io.crmbridge.sandbox.dataverse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PreferTest {

    @Test
    void readsEveryPreferenceFromOneHeaderKeepingQuotedCommas() {
        Prefer prefer = Prefer.parse("odata.include-annotations=\"OData.Community.Display.V1.FormattedValue,"
                + "Microsoft.Dynamics.CRM.lookuplogicalname\", odata.maxpagesize=10,odata.track-changes, "
                + "return=representation");
        assertThat(prefer.maxPageSize()).isEqualTo(10);
        assertThat(prefer.trackChanges()).isTrue();
        assertThat(prefer.returnRepresentation()).isTrue();
        assertThat(prefer.includeAnnotations()).isEqualTo(
                "OData.Community.Display.V1.FormattedValue,Microsoft.Dynamics.CRM.lookuplogicalname");
        Annotations annotations = Annotations.of(prefer.includeAnnotations());
        assertThat(annotations.formattedValue()).isTrue();
        assertThat(annotations.lookupLogicalName()).isTrue();
        assertThat(annotations.associatedNavigationProperty()).isFalse();
    }

    @Test
    void expandsAnnotationWildcards() {
        assertThat(Annotations.of("*").associatedNavigationProperty()).isTrue();
        Annotations crm = Annotations.of("Microsoft.Dynamics.CRM.*");
        assertThat(crm.lookupLogicalName()).isTrue();
        assertThat(crm.formattedValue()).isFalse();
    }

    @Test
    void ignoresAbsentOrUnknownPreferences() {
        Prefer prefer = Prefer.parse(null);
        assertThat(prefer.maxPageSize()).isNull();
        assertThat(prefer.continueOnError()).isFalse();
        assertThat(Prefer.parse("odata.continue-on-error, respond-async").continueOnError()).isTrue();
    }
}
