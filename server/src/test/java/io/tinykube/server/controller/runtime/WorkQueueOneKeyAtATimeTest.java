package io.tinykube.server.controller.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A key is never reconciled twice at once; changes during a run cause one more run; failures are retried. */
class WorkQueueOneKeyAtATimeTest {
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void changesWhileRunningAreCoalescedIntoOneMoreRun() throws Exception {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch secondRun = new CountDownLatch(2);
        ControllerRunner runner = new ControllerRunner("test", (namespace, name) -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            runs.incrementAndGet();
            firstStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            concurrent.decrementAndGet();
            secondRun.countDown();
            return Result.DONE;
        }, executor);
        runner.enqueue("ns/a");
        assertTrue(firstStarted.await(5, TimeUnit.SECONDS));
        for (int i = 0; i < 20; i++) {
            runner.enqueue("ns/a");
        }
        release.countDown();
        assertTrue(secondRun.await(5, TimeUnit.SECONDS));
        awaitIdle(runner);
        assertEquals(1, maxConcurrent.get());
        assertEquals(2, runs.get());
    }

    @Test
    void failuresAreRetriedUntilTheySucceed() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        ControllerRunner runner = new ControllerRunner("test", (namespace, name) -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            done.countDown();
            return Result.DONE;
        }, executor);
        runner.enqueue("cluster-object");
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(3, attempts.get());
    }

    @Test
    void aRequestedDelayRunsTheKeyAgainLater() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch twice = new CountDownLatch(2);
        long[] times = new long[2];
        ControllerRunner runner = new ControllerRunner("test", (namespace, name) -> {
            int run = runs.getAndIncrement();
            if (run < 2) {
                times[run] = System.nanoTime();
            }
            twice.countDown();
            return run == 0 ? Result.after(Duration.ofMillis(300)) : Result.DONE;
        }, executor);
        runner.enqueue("ns/b");
        assertTrue(twice.await(5, TimeUnit.SECONDS));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(times[1] - times[0]) >= 290, "ran again before the delay");
        awaitIdle(runner);
        assertEquals(2, runs.get());
    }

    private static void awaitIdle(ControllerRunner runner) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!runner.idle() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(runner.idle());
    }
}
