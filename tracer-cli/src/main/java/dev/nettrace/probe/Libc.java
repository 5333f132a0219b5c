package dev.nettrace.probe;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The few libc socket calls the probes need. jna-platform has no socket API, so they are
 * declared here; size_t/ssize_t are long (x86_64 LP64) and sockaddrs travel as byte arrays.
 */
interface Libc extends Library {
    Libc C = Native.load("c", Libc.class);

    int AF_INET = 2, AF_INET6 = 10, AF_PACKET = 17, AF_NETLINK = 16;
    int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3, SOCK_NONBLOCK = 04000, SOCK_CLOEXEC = 02000000;
    int IPPROTO_IP = 0, IPPROTO_ICMP = 1, IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_ICMPV6 = 58;
    int SOL_SOCKET = 1, SO_ERROR = 4, SO_RCVBUF = 8, SO_LINGER = 13;
    int SOL_IP = 0, IP_TTL = 2, IP_RECVERR = 11, IP_RECVTTL = 12, IP_MTU_DISCOVER = 10, IP_PMTUDISC_DO = 2, IP_PMTUDISC_PROBE = 3;
    int SOL_IPV6 = 41, IPV6_UNICAST_HOPS = 16, IPV6_RECVERR = 25, IPV6_MTU_DISCOVER = 23, IPV6_RECVHOPLIMIT = 51, IPV6_HOPLIMIT = 52;
    int MSG_DONTWAIT = 0x40, MSG_ERRQUEUE = 0x2000;
    int EINPROGRESS = 115, EAGAIN = 11, EPERM = 1, EACCES = 13;
    short POLLIN = 1, POLLOUT = 4, POLLERR = 8;
    int CLONE_NEWNET = 0x40000000;
    int ETH_P_ALL = 0x0003;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int setsockopt(int fd, int level, int name, Pointer value, int len) throws LastErrorException;

    int getsockopt(int fd, int level, int name, Pointer value, IntByReference len) throws LastErrorException;

    int bind(int fd, byte[] addr, int len) throws LastErrorException;

    int connect(int fd, byte[] addr, int len) throws LastErrorException;

    int getsockname(int fd, byte[] addr, IntByReference len) throws LastErrorException;

    long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrLen) throws LastErrorException;

    long send(int fd, byte[] buf, long len, int flags) throws LastErrorException;

    long recvmsg(int fd, Pointer msghdr, int flags) throws LastErrorException;

    int poll(Pointer fds, long nfds, int timeoutMs) throws LastErrorException;

    int close(int fd);

    int setns(int fd, int nstype) throws LastErrorException;

    int open(String path, int flags) throws LastErrorException;
}
