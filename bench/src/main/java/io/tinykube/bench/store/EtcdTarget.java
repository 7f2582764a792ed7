package io.tinykube.bench.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/** A real etcd through jetcd, with the transactions Kubernetes' etcd3 storage uses. */
final class EtcdTarget implements Target {
    private final Client client;
    private final KV kv;

    EtcdTarget(String url) {
        // A 10,000 x 1 KiB list is ~10 MiB, over gRPC's default 4 MiB inbound limit.
        client = Client.builder().endpoints(url).maxInboundMessageSize(256 << 20).build();
        kv = client.getKVClient();
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private long putIf(String key, byte[] value, CmpTarget<?> condition) {
        ByteSequence k = bytes(key);
        TxnResponse response = await(kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, condition))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                .commit());
        if (!response.isSucceeded()) {
            throw new IllegalStateException("etcd txn condition failed on " + key);
        }
        return response.getHeader().getRevision();
    }

    @Override
    public long create(String key, byte[] value) {
        return putIf(key, value, CmpTarget.createRevision(0));
    }

    @Override
    public long update(String key, byte[] value, long expectedRevision) {
        return putIf(key, value, CmpTarget.modRevision(expectedRevision));
    }

    @Override
    public int list(String prefix) {
        return await(kv.get(bytes(prefix), GetOption.builder().isPrefix(true).build())).getKvs().size();
    }

    @Override
    public long revision() {
        return await(kv.get(bytes("/"), GetOption.builder().withCountOnly(true).build())).getHeader().getRevision();
    }

    @Override
    public AutoCloseable watch(String prefix, long afterRevision, Consumer<byte[]> onValue) {
        WatchOption option = WatchOption.builder().isPrefix(true).withRevision(afterRevision + 1).build();
        Watch.Watcher watcher = client.getWatchClient().watch(bytes(prefix), option, Watch.listener(
                response -> {
                    for (WatchEvent event : response.getEvents()) {
                        onValue.accept(event.getKeyValue().getValue().getBytes());
                    }
                },
                error -> System.err.println("etcd watch failed: " + error)));
        return watcher::close;
    }

    @Override
    public void close() {
        client.close();
    }
}
