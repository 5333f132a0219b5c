package dev.nettrace.ptrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The normalization must hide only what varies between runs, and nothing that could be a bug. */
class StraceNormalizerTest {
    @Test
    void mergesASplitCallAtItsFirstHalfAndPadsItAsStraceWould() {
        String split = String.join("\n",
                "301   recvfrom(4,  <unfinished ...>",
                "300   sendto(3, \"x\", 1, 0, NULL, 0) = 1",
                "301   <... recvfrom resumed>\"x\", 1, 0, NULL, NULL) = 1",
                "300   listen(3, 1 <unfinished ...>",
                "301   shutdown(4, SHUT_RD)              = 0",
                "300   <... listen resumed>)             = 0", "");
        assertEquals(String.join("\n",
                "P1    recvfrom(4, \"x\", 1, 0, NULL, NULL) = 1",
                "P2    sendto(3, \"x\", 1, 0, NULL, 0) = 1",
                "P2    listen(3, 1)                      = 0",
                "P1    shutdown(4, SHUT_RD)              = 0", ""), StraceNormalizer.normalize(split));
    }

    @Test
    void renamesPidsPortsAndPointersOneToOne() {
        String a = "5001  connect(3, {sa_family=AF_INET, sin_port=htons(40001), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0\n"
                + "5001  --- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=5002, si_uid=0} ---\n"
                + "5002  recvfrom(4, 0x7ffc12345678, 8, 0, 0xdead0000, NULL) = -1 EFAULT (Bad address)\n";
        String b = a.replace("5001", "7001").replace("5002", "7002").replace("40001", "51234").replace("7ffc12345678", "7ffd87654321");
        assertEquals(StraceNormalizer.normalize(a), StraceNormalizer.normalize(b));
        assertEquals("P1    --- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=P2, si_uid=0} ---",
                StraceNormalizer.normalize(a).split("\n")[1]);
        // Two pids that were distinct must stay distinct; so must two ports; small constants stay.
        assertNotEquals(StraceNormalizer.normalize(a), StraceNormalizer.normalize(a.replace("si_pid=5002", "si_pid=5001")));
        assertNotEquals(StraceNormalizer.normalize(a), StraceNormalizer.normalize(a.replace("0xdead0000", "0xdead0001")));
        assertNotEquals(StraceNormalizer.normalize(a), StraceNormalizer.normalize(a.replace("= 0\n", " = 0\n")));
    }
}
