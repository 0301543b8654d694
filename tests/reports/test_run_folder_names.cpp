// Property folders of a run (reports/write_run.hpp): distinct, portable, short, whatever the names.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <set>

#include "model/file_name.hpp"
#include "reports/write_run.hpp"

namespace np {
namespace {

RC_GTEST_PROP(FileNamesProperty, PropertyFoldersAreDistinctAndPortable, (std::vector<std::string> names)) {
    std::set<std::string> unique(names.begin(), names.end());
    const std::vector<std::string> distinct(unique.begin(), unique.end());
    const std::vector<std::string> folders = property_folder_names(distinct);
    RC_ASSERT(folders.size() == distinct.size());
    RC_ASSERT(std::set<std::string>(folders.begin(), folders.end()).size() == folders.size());
    for (const std::string& f : folders) {
        RC_ASSERT(!f.empty() && f.size() <= kMaxFileName);
        RC_ASSERT(f.find('/') == std::string::npos && f.find('\0') == std::string::npos);
        RC_ASSERT(f != "." && f != "..");
    }
}

TEST(FileNames, NamesThatCollideAfterMakingThemPortableGetDistinctFolders) {
    const auto f = property_folder_names({"invariant:a.b", "invariant:a:b", "invariant:a-b"});
    EXPECT_EQ(f[0], "invariant-a-b");
    EXPECT_NE(f[1], f[0]);
    EXPECT_NE(f[2], f[0]);
    EXPECT_NE(f[2], f[1]);
}

}  // namespace
}  // namespace np
