/*
 * conomy-desk - a terminal back-office for conomy_hq payments.
 * Everything happens in the cli layer; this file only hands over.
 */
#include "cli/cli.h"

int main(int argc, char **argv) {
  return cli_main(argc, argv);
}
