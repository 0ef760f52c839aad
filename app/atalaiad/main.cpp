// atalaiad is not built yet: its issue comes after the foundation. This placeholder
// exists so the build layout is final; it does nothing but say so.
#include <cstdio>

int main()
{
    std::fputs("atalaiad " ATALAIA_VERSION ": not available yet in this build\n", stderr);
    return 2;
}
