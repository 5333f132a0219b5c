/* AF_PACKET (needs CAP_NET_RAW; without it every call fails the same way each run). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	int lo = (int)if_nametoindex("lo");
	int p = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	struct sockaddr_ll ll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IP), .sll_ifindex = lo };
	bind(p, (struct sockaddr *)&ll, sizeof(ll));
	socklen_t len = sizeof(ll);
	getsockname(p, (struct sockaddr *)&ll, &len);
	int d = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK, htons(ETH_P_ARP));
	char buf[64];
	recv(d, buf, sizeof(buf), 0);
	socket(AF_INET, SOCK_PACKET, htons(ETH_P_ALL));
	return 0;
}
