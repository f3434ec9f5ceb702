using System.ComponentModel;
using Bastion.Core.Policy;
using ModelContextProtocol.Server;
using Bastion.Tools;

namespace Bastion.Mcp.Tests.Pipeline;

/// <summary>
/// A toolset the pipeline has never heard of, whose one tool runs commands under another name and another argument
/// name: what the pipeline does with it can come only from its metadata (<see cref="RunsCommandsAttribute"/>).
/// </summary>
[McpServerToolType]
[Toolset("lines", Scopes.CommandsRun)]
public sealed class LineTools
{
    private readonly string _answer = "let through";

    [McpServerTool(Name = "lines_run", Title = "Run a line", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [RunsCommands(Command = "line")]
    [Description("Says which line it was let through with (runs nothing).")]
    public string Run(
        [Description("A shell line.")] string line,
        [Description("Where.")] string target = "local") => $"{_answer}: {line} on {target}";
}
