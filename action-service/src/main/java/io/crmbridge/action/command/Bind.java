package io.crmbridge.action.command;

import java.util.UUID;

/** A lookup to write as {@code <navigationProperty>@odata.bind: /<entitySet>(<id>)}. */
public record Bind(String entitySet, UUID id) {
}
