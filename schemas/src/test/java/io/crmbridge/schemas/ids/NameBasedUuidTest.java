package io.crmbridge.schemas.ids;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameBasedUuidTest {

    private static final UUID DNS_NAMESPACE = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    @Test
    void matchesTheVersion5ExampleOfRfc9562() {
        // RFC 9562, Appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
        assertThat(NameBasedUuid.v5(DNS_NAMESPACE, "www.example.com"))
                .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
    }

    @Test
    void isAVersion5IetfVariantUuidThatDependsOnNamespaceAndName() {
        UUID id = NameBasedUuid.v5(DNS_NAMESPACE, "www.example.com");

        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(NameBasedUuid.v5(DNS_NAMESPACE, "www.example.org")).isNotEqualTo(id);
        assertThat(NameBasedUuid.v5(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"))
                .isNotEqualTo(id);
    }
}
