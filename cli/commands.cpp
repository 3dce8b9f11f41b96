// The command table: each group of commands lives in its own file.
#include "cli.hpp"

namespace pathway::cli {

std::vector<CommandInfo> portfolioCommands();
std::vector<CommandInfo> exchangeCommands();
std::vector<CommandInfo> statusCommands();
std::vector<CommandInfo> asyeCommands();
std::vector<CommandInfo> signingCommands();
std::vector<CommandInfo> syncCommands();

const std::vector<CommandInfo>& commands() {
    static const std::vector<CommandInfo> kAll = [] {
        std::vector<CommandInfo> all;
        for (auto group : {portfolioCommands, statusCommands, asyeCommands, exchangeCommands,
                           signingCommands, syncCommands})
            for (auto& c : group()) all.push_back(std::move(c));
        return all;
    }();
    return kAll;
}

} // namespace pathway::cli
