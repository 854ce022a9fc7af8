/* placeholder until the CLI lands in this same series of commits */
int main (void) { return 1; }
