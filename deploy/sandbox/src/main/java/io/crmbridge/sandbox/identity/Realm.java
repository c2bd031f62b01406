package io.crmbridge.sandbox.identity;

/** Which identity provider an app registration, a code or a token belongs to. */
public enum Realm {
    /** Microsoft Entra ID v2.0 ({@code /{tenant}/oauth2/v2.0/...}). */
    ENTRA,
    /** AD FS for on-premises Dynamics ({@code /adfs/oauth2/...}). */
    ADFS
}
