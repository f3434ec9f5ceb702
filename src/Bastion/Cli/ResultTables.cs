using System.Text.Json;
using Bastion.Cli.Tables;

namespace Bastion.Cli;

/// <summary>
/// <c>--table</c>: prints a tool's structured result as aligned tables a person can scan (see <see cref="ResultRenderer"/>),
/// cut to the terminal's width, with ANSI codes only on a terminal.
/// </summary>
internal static class ResultTables
{
    /// <summary>Writes the answer of <paramref name="tool"/> to stdout as tables.</summary>
    public static void Write(string tool, JsonElement result) =>
        TableWriter.Write(ResultRenderer.Render(tool, result), Console.Out, TableWriter.TerminalWidth(), TableWriter.UseAnsi());
}
