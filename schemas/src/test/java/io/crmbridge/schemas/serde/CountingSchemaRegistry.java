package io.crmbridge.schemas.serde;

import java.util.concurrent.atomic.AtomicInteger;

import io.crmbridge.schemas.registry.InMemorySchemaRegistry;
import io.crmbridge.schemas.registry.RegisteredSchema;
import io.crmbridge.schemas.registry.SchemaRegistry;
import org.apache.avro.Schema;

/** An in-memory registry that counts the calls made to it, to show what the serde caches. */
final class CountingSchemaRegistry implements SchemaRegistry {

    final InMemorySchemaRegistry delegate = new InMemorySchemaRegistry();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public int register(String subject, Schema schema) {
        calls.incrementAndGet();
        return delegate.register(subject, schema);
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        calls.incrementAndGet();
        return delegate.lookup(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        calls.incrementAndGet();
        return delegate.schemaById(id);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        calls.incrementAndGet();
        return delegate.latest(subject);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        calls.incrementAndGet();
        return delegate.isCompatible(subject, schema);
    }

    @Override
    public void setCompatibility(String subject, io.crmbridge.schemas.registry.Compatibility level) {
        calls.incrementAndGet();
        delegate.setCompatibility(subject, level);
    }
}
