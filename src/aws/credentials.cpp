#include "aws/credentials.h"
