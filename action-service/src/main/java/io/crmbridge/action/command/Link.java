package io.crmbridge.action.command;

import java.util.UUID;

/** The validated link of an ASSOCIATE / DISASSOCIATE: the relationship and the related row. */
public record Link(String relationship, String relatedEntitySet, UUID relatedId) {
}
