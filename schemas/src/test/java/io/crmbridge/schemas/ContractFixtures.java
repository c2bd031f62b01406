package io.crmbridge.schemas;

import io.crmbridge.events.AccessTokenGrant;
import io.crmbridge.events.Association;
import io.crmbridge.events.AuthKind;
import io.crmbridge.events.AuthorityType;
import io.crmbridge.events.ChangeSource;
import io.crmbridge.events.ChangeType;
import io.crmbridge.events.ConnectionDefinition;
import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.events.ConnectionState;
import io.crmbridge.events.DateTimeValue;
import io.crmbridge.events.DecimalValue;
import io.crmbridge.events.EntityReference;
import io.crmbridge.events.OptionSetValue;
import io.crmbridge.events.OptionSetValues;
import io.crmbridge.events.PollCheckpoint;
import io.crmbridge.events.PolledRecord;
import io.crmbridge.events.PollStrategy;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.events.RecordTarget;
import io.crmbridge.events.TokenRequest;
import io.crmbridge.events.TokenRequestReason;
import io.crmbridge.events.VaultEntry;
import io.crmbridge.events.WriteCommand;
import io.crmbridge.events.WriteOperation;
import io.crmbridge.events.WriteResult;
import io.crmbridge.events.WriteStatus;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * One fully populated instance of every top-level contract: every optional field set, every attribute-union branch
 * used. Instants have millisecond precision, as timestamp-millis keeps no more, so a round trip compares equal.
 */
public final class ContractFixtures {

    public static final String CONNECTION_ID = "contoso-prod";
    public static final String ORG_URL = "https://contoso.crm4.dynamics.com";
    public static final String ACCOUNT_ID = "6f1b5a3c-2d4e-4f60-9a7b-8c9d0e1f2a3b";
    public static final String CONTACT_ID = "00000000-0000-0000-0000-000000000001";
    public static final Instant AT = Instant.parse("2024-05-01T10:15:30.123Z");

    private ContractFixtures() {
    }

    /** Every top-level contract, one instance each, in the order of the topics table. */
    public static List<SpecificRecord> everyContract() {
        return List.of(connectionDefinition(), connectionEvent(), accessTokenGrant(), tokenRequest(), vaultEntry(),
                recordChanged(), pollCheckpoint(), polledRecord(), writeCommand(), writeResult());
    }

    /** Column values covering every branch of the AttributeValue union, null included. */
    public static Map<String, Object> attributesOfEveryKind() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("description", null);
        attributes.put("donotemail", true);
        attributes.put("numberofemployees", 250);
        attributes.put("cr1a2_bigcounter", 9_007_199_254_740_993L);
        attributes.put("cr1a2_ratio", 0.125d);
        attributes.put("name", "Fourth Coffee");
        attributes.put("revenue", new DecimalValue("20000.0000"));
        attributes.put("lastusedincampaign", new DateTimeValue(AT.minusSeconds(86_400)));
        attributes.put("primarycontactid", new EntityReference("contact", CONTACT_ID, "Susanna Stubberod"));
        attributes.put("customertypecode", new OptionSetValue(100000001, "Competitor"));
        attributes.put("cr1a2_regions", new OptionSetValues(List.of(
                new OptionSetValue(1, "North"), new OptionSetValue(3, null))));
        return attributes;
    }

    public static RecordChanged recordChanged() {
        return RecordChanged.newBuilder()
                .setEventId(CONNECTION_ID + ":account:" + ACCOUNT_ID + ":536530")
                .setConnectionId(CONNECTION_ID)
                .setEntity("account")
                .setRecordId(ACCOUNT_ID)
                .setChangeType(ChangeType.UPDATED)
                .setChangedAt(AT.minusMillis(700))
                .setVersion(536530L)
                .setAttributes(attributesOfEveryKind())
                .setFormattedValues(Map.of(
                        "revenue", "$20,000.00",
                        "customertypecode", "Competitor",
                        "primarycontactid", "Susanna Stubberod"))
                .setSource(ChangeSource.CHANGE_TRACKING)
                .setCapturedAt(AT)
                .build();
    }

    public static WriteCommand writeCommand() {
        return WriteCommand.newBuilder()
                .setCommandId("orders-7f3c2a91")
                .setConnectionId(CONNECTION_ID)
                .setEntity("account")
                .setOperation(WriteOperation.UPSERT)
                .setTarget(RecordTarget.newBuilder()
                        .setId(ACCOUNT_ID)
                        .setAlternateKey(Map.of("accountnumber", "A-1001"))
                        .build())
                .setAttributes(attributesOfEveryKind())
                .setLookups(Map.of("parentaccountid", new EntityReference("account", CONTACT_ID, null)))
                .setAssociation(new Association("contact_customer_accounts",
                        new EntityReference("contact", CONTACT_ID, null)))
                .setIfMatch("W/\"536530\"")
                .setRequestedAt(AT)
                .setHeaders(Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .build();
    }

    public static WriteResult writeResult() {
        return WriteResult.newBuilder()
                .setCommandId("orders-7f3c2a91")
                .setConnectionId(CONNECTION_ID)
                .setEntity("account")
                .setOperation(WriteOperation.UPSERT)
                .setStatus(WriteStatus.FAILED)
                .setRecordId(ACCOUNT_ID)
                .setHttpStatus(412)
                .setErrorCode("0x80060882")
                .setErrorMessage("The version of the existing record doesn't match the RowVersion property provided.")
                .setRetryable(false)
                .setAttempts(1)
                .setCompletedAt(AT.plusMillis(45))
                .setHeaders(Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .build();
    }

    public static ConnectionEvent connectionEvent() {
        return ConnectionEvent.newBuilder()
                .setEventId("a3e0c1d2-5b6f-4a78-9c0d-1e2f3a4b5c6d")
                .setConnectionId(CONNECTION_ID)
                .setType(ConnectionEventType.TOKEN_EXPIRED)
                .setState(ConnectionState.EXPIRED)
                .setOccurredAt(AT)
                .setReasonCode("AADSTS700082")
                .setMessage("The refresh token has expired due to inactivity.")
                .setAccessTokenExpiresAt(AT.minusSeconds(60))
                .setActionRequired("Sign in again at the reconnect URL as a user with access to the environment.")
                .setReconnectUrl("https://token-service.example/connections/contoso-prod/connect")
                .setPreviousState(ConnectionState.DEGRADED)
                .setOrgUrl(ORG_URL)
                .setDisplayName("Contoso production")
                .setCredentialExpiresAt(AT.plusSeconds(14 * 86_400))
                .setNextRetryAt(AT.plusSeconds(30))
                .setEpisodeId("episode-2024-05-01T10:00:00Z")
                .setInstanceId("token-service-7d9f8-abcde")
                .build();
    }

    public static AccessTokenGrant accessTokenGrant() {
        return AccessTokenGrant.newBuilder()
                .setConnectionId(CONNECTION_ID)
                .setOrgUrl(ORG_URL)
                .setGeneration(42L)
                .setCiphertext(bytes(48, 0x5a))
                .setKeyId("grant-key-2024-05")
                .setNonce(bytes(12, 0x11))
                .setExpiresAt(AT.plusSeconds(3599))
                .setIssuedAt(AT)
                .build();
    }

    public static TokenRequest tokenRequest() {
        return TokenRequest.newBuilder()
                .setRequestId("c9b8a7d6-e5f4-4321-8765-0fedcba98765")
                .setConnectionId(CONNECTION_ID)
                .setReason(TokenRequestReason.UNAUTHORIZED)
                .setGenerationSeen(42L)
                .setRequestedBy("poller-service")
                .setRequestedAt(AT)
                .build();
    }

    public static ConnectionDefinition connectionDefinition() {
        return ConnectionDefinition.newBuilder()
                .setConnectionId(CONNECTION_ID)
                .setDisplayName("Contoso production")
                .setOrgUrl(ORG_URL)
                .setAuthority("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/")
                .setAuthorityType(AuthorityType.ENTRA_ID)
                .setAuthKind(AuthKind.AUTHORIZATION_CODE)
                .setClientId("51f81489-12ee-4a9e-aaae-a2591f45987d")
                .setScopes(List.of(ORG_URL + "/user_impersonation", "offline_access"))
                .setEnabled(true)
                .setUpdatedAt(AT)
                .build();
    }

    public static PollCheckpoint pollCheckpoint() {
        return PollCheckpoint.newBuilder()
                .setConnectionId(CONNECTION_ID)
                .setEntity("account")
                .setStrategy(PollStrategy.MODIFIED_ON)
                .setDeltaLink(ORG_URL + "/api/data/v9.2/accounts?$select=name&$deltatoken=919042%2108%2f22%2f2017")
                .setNextLink(ORG_URL + "/api/data/v9.2/accounts?$select=name&$skiptoken=%3Ccookie%20pagenumber=%222%22")
                .setWatermark(AT.minusMillis(700))
                .setWatermarkIds(List.of())
                .setSynced(true)
                .setUpdatedAt(AT)
                .build();
    }

    public static PolledRecord polledRecord() {
        return PolledRecord.newBuilder()
                .setConnectionId(CONNECTION_ID)
                .setEntity("account")
                .setRecordId(ACCOUNT_ID)
                .setEtag("W/\"915244\"")
                .setVersion(915244L)
                .build();
    }

    public static VaultEntry vaultEntry() {
        return VaultEntry.newBuilder()
                .setConnectionId(CONNECTION_ID)
                .setKeyId("vault-key-2024-05")
                .setNonce(bytes(12, 0x22))
                .setCiphertext(bytes(96, 0x7e))
                .setSavedAt(AT)
                .build();
    }

    private static ByteBuffer bytes(int length, int fill) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) fill);
        return ByteBuffer.wrap(bytes);
    }
}
