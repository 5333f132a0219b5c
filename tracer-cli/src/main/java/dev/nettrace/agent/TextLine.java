package dev.nettrace.agent;

import dev.nettrace.model.Event;
import dev.nettrace.render.Decimal;

/** One readable line per agent event: what, on which socket, between whom, how it ended, how long. */
final class TextLine {
    private TextLine() {}

    static String of(AgentEvent ae) {
        Event e = ae.event();
        StringBuilder b = new StringBuilder();
        b.append(e.op);
        if (e.fd >= 0) b.append(" fd=").append(e.fd);
        if (e.newFd >= 0) b.append(" newfd=").append(e.newFd);
        if (e.host != null) b.append(' ').append(e.host);
        if (e.local != null || e.remote != null) {
            b.append(' ').append(e.local != null ? e.local : "?").append(" -> ").append(e.remote != null ? e.remote : "?");
        }
        if (e.sockType != null) b.append(e.sockType.equals("SOCK_DGRAM") ? " udp" : " tcp");
        if (ae.option() != null) b.append(' ').append(ae.option()).append('=').append(ae.value());
        if ("listen".equals(e.op)) b.append(" backlog=").append(ae.value());
        if (e.bytes != null) b.append(' ').append(e.bytes).append(" bytes");
        if (e.answers != null) b.append(" -> ").append(String.join(", ", e.answers));
        if (ae.exception() != null) {
            b.append(" FAILED ").append(e.errno != null ? e.errno + " " : "").append('(').append(ae.exception()).append(')');
        } else if (e.errno != null) {
            b.append(' ').append(e.errno);
        }
        Decimal.fixed(b.append(" ("), Decimal.rounded(e.durNs == null ? 0 : e.durNs, 1_000), 3).append(" ms)");
        return b.toString();
    }
}
