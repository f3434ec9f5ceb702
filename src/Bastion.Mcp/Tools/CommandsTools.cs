using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Bastion.Core.Commands;
using Bastion.Core.FanOut;
using ModelContextProtocol;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using ModelContextProtocol.Server;
using Bastion.Tools;

namespace Bastion.Mcp.Tools;

/// <summary>Running commands on hosts, under the command policy (read-only commands in every mode).</summary>
[McpServerToolType]
[Toolset("commands", Scopes.CommandsRun)]
public sealed class CommandsTools(FanOutRunner fanOut, PathGuard guard)
{
    [McpServerTool(Name = "commands_run", Title = "Run a command", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Run a command on hosts in parallel: a shell line (command) or a program with arguments (argv). Returns per host exit code, stdout, stderr (middle cut beyond max_bytes) and duration. Prefer a read-only tool where one fits.")]
    [RunsCommands]
    [SuppressMessage("Naming", "CA1707", Justification = "Tool parameters are snake_case, like every field Bastion returns.")]
    public Task<FanOutResult<CommandOutput>> RunAsync(
        [Description(ToolText.Target)][StringLength(1000)] string target = "local",
        [Description("A shell line run by /bin/sh -c, e.g. \"uptime\" or \"df -h | sort -k5\". Give this or argv.")][StringLength(100_000)] string? command = null,
        [Description("Program and arguments, no shell, e.g. [\"systemctl\",\"status\",\"nginx\"]. This or command.")] string[]? argv = null,
        [Description("Seconds before the command is ended on a host.")][Range(1, 3600)] double timeout = 30,
        [Description("Absolute directory to run in; default the user's home.")][StringLength(4096)] string? cwd = null,
        [Description("Environment variables to set, e.g. {\"LC_ALL\": \"C\"}.")] Dictionary<string, string>? env = null,
        [Description("Bytes of stdout, and of stderr, returned per host.")][Range(1, 1 << 20)] int max_bytes = 16384,
        CallTargets? call = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        // The call pipeline has checked the spec and the command policy before this runs.
        var spec = new CommandSpec(command, argv, TimeSpan.FromSeconds(timeout), cwd, env ?? [], max_bytes);
        return fanOut.RunAsync(
            call,
            target,
            (runner, ct) => CommandExecutor.RunAsync(runner, guard, spec, ct),
            McpProgress.ForHosts(progress),
            cancellationToken,
            hostTimeout: spec.Timeout + TimeSpan.FromSeconds(30));
    }
}
