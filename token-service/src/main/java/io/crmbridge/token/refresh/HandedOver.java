package io.crmbridge.token.refresh;

import io.crmbridge.token.vault.Handover;
import io.crmbridge.token.vault.VaultKey;

/** A handover as read from the vault, with the key to delete once it is taken over. */
public record HandedOver(VaultKey key, Handover handover) {
}
