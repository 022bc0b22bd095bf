package io.dispatch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import io.dispatch.callback.policy.HostResolver;

/**
 * DNS that tests script: a name under {@code .test} answers the scripted addresses in turn (the
 * last one repeating); every other name is resolved by the system. Scripted answers are judged by
 * the callback policy, never dialled unless they are loopback.
 */
public final class ScriptedHostResolver implements HostResolver {

    private final Map<String, Deque<InetAddress>> answers = new ConcurrentHashMap<>();

    public void script(String host, InetAddress... addresses) {
        answers.put(host, new ConcurrentLinkedDeque<>(List.of(addresses)));
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        Deque<InetAddress> scripted = answers.get(host);
        if (scripted != null) {
            synchronized (scripted) {
                return List.of(scripted.size() > 1 ? scripted.poll() : scripted.getFirst());
            }
        }
        if (host.endsWith(".test")) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getAllByName(host));
    }
}
