package io.crmbridge.schemas.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;

/**
 * One thread's reusable output for framing records: a growable byte array (unsynchronised, unlike
 * ByteArrayOutputStream) and an Avro encoder bound to it. The only copy per record is the final exact-size array
 * Kafka needs.
 */
final class OutputFrame extends OutputStream {

    private static final ThreadLocal<OutputFrame> FRAMES = ThreadLocal.withInitial(OutputFrame::new);
    private static final int INITIAL_CAPACITY = 1024;
    // A thread that once wrote a huge record should not keep its buffer for ever.
    private static final int RETAINED_CAPACITY = 1 << 20;

    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int size;
    private BinaryEncoder encoder;

    static OutputFrame ofCurrentThread() {
        return FRAMES.get();
    }

    /** Header and Avro binary of {@code datum}, as one array. */
    byte[] frame(int schemaId, DatumWriter<Object> writer, Object datum) throws IOException {
        // The encoder stays bound to this frame; a failure below leaves bytes in its buffer, so then it is dropped.
        BinaryEncoder bound = encoder != null ? encoder : EncoderFactory.get().binaryEncoder(this, null);
        encoder = null;
        size = WireFormat.HEADER_SIZE;
        WireFormat.writeHeader(buffer, schemaId);
        writer.write(datum, bound);
        bound.flush();
        encoder = bound;
        byte[] framed = Arrays.copyOf(buffer, size);
        if (buffer.length > RETAINED_CAPACITY) {
            buffer = new byte[INITIAL_CAPACITY];
        }
        return framed;
    }

    /** Avro binary of {@code datum} without a header (for converting a record to another schema). */
    static byte[] plain(DatumWriter<Object> writer, Object datum) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        BinaryEncoder plain = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(datum, plain);
        plain.flush();
        return out.toByteArray();
    }

    @Override
    public void write(int b) {
        ensureRoom(1);
        buffer[size++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    private void ensureRoom(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
