#include "model/speck_config.hpp"
