#include <stdio.h>
int main(void) { fputs("nettrace-ptrace: not built yet\n", stderr); return 1; }
