#include "app/run.h"

int main(int argc, char** argv) {
  return eec::app::run(argc, argv);
}
