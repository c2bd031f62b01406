package io.crmbridge.action.command;

/** The link an ASSOCIATE or DISASSOCIATE command adds or removes. */
public record Association(String relationship, RecordReference related) {
}
