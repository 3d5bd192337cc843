// `bootstorm gc`.
#include <memory>

#include "command.h"
#include "common.h"
#include "connect_option.h"
#include "gc_command.h"

namespace bootstorm {

Command RegisterGcCommand(CLI::App& app) {
  auto connect = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd =
      app.add_subcommand("gc", "remove domains, volumes and networks that dead runs left behind");
  AddConnectFlag(cmd, *connect);
  return {cmd, [connect](Cancellation&) {
            return RunGcCommand(ParseConnectOptions(*connect, DefaultUri()));
          }};
}

}  // namespace bootstorm
