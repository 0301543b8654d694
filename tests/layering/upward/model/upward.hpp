// A fixture of the layering test: model/ depends on nothing of ours, so this include is refused.
#pragma once
#include "checkers/result.hpp"
