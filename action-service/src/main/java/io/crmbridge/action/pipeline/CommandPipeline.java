package io.crmbridge.action.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the command loops, each on a thread of its own, once everything they depend on is ready; stops them after
 * their current transaction.
 */
public final class CommandPipeline implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CommandPipeline.class);
    private static final Duration READY_WAIT = Duration.ofSeconds(60);

    private final int loopCount;
    private final IntFunction<CommandLoop> loopFactory;
    private final List<Readiness> readiness;
    private final List<CommandLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    CommandPipeline(int loopCount, IntFunction<CommandLoop> loopFactory, List<Readiness> readiness) {
        this.loopCount = loopCount;
        this.loopFactory = loopFactory;
        this.readiness = readiness;
    }

    @Override
    public synchronized void start() {
        readiness.forEach(CommandPipeline::await);
        for (int i = 0; i < loopCount; i++) {
            CommandLoop loop = loopFactory.apply(i);
            Thread thread = new Thread(loop, "command-loop-" + i);
            loops.add(loop);
            threads.add(thread);
            thread.start();
        }
        running = true;
        log.info("started {} command loop(s)", loopCount);
    }

    @Override
    public synchronized void stop() {
        loops.forEach(CommandLoop::stop);
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loops.clear();
        threads.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The loops and whether their threads are alive, for health. */
    List<CommandLoop> loops() {
        return List.copyOf(loops);
    }

    boolean allAlive() {
        return !threads.isEmpty() && threads.stream().allMatch(Thread::isAlive);
    }

    private static void await(Readiness readiness) {
        try {
            readiness.ready().get(READY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("{} not ready after {}; starting anyway", readiness.name(), READY_WAIT);
        } catch (ExecutionException e) {
            log.warn("{} failed ({}); starting anyway", readiness.name(), e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
