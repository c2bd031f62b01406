package io.crmbridge.sandbox.dataverse;

import java.util.function.Function;

/**
 * Where a request's writes run: in a transaction of their own, or in the change set's shared one (so a later
 * failure in the change set rolls them back).
 */
interface TransactionScope {

    <T> T write(Function<Transaction, T> work);

    /** Each write is its own transaction. */
    static TransactionScope standalone(Org org) {
        return new TransactionScope() {
            @Override
            public <T> T write(Function<Transaction, T> work) {
                return org.write(work);
            }
        };
    }

    /** Every write joins {@code transaction}. */
    static TransactionScope joining(Transaction transaction) {
        return new TransactionScope() {
            @Override
            public <T> T write(Function<Transaction, T> work) {
                return work.apply(transaction);
            }
        };
    }
}
