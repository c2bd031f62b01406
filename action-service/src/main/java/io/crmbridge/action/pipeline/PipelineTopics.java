package io.crmbridge.action.pipeline;

/**
 * The topics the command loop reads and writes.
 *
 * @param commands    {@code crm.write-commands}
 * @param waiting     {@code crm.write-commands.waiting}: commands of held connections, same partitioning as
 *                    {@code commands} (a command parks in the partition number it came from)
 * @param results     {@code crm.write-results}
 * @param deadLetters {@code crm.write-commands.dlt}
 */
record PipelineTopics(String commands, String waiting, String results, String deadLetters) {
}
