using System.Text.Json;
using Bastion.Core.Inventory;

namespace Bastion.Mcp.Pipeline;

/// <summary>
/// A tool-side check the pipeline runs once the arguments fit the schema and the targets are resolved, and before any
/// confirmation is asked: so that a person is never asked to approve what would be refused, and sees what the call
/// really touches (e.g. where its paths resolve).
/// </summary>
public interface ICallPrecheck
{
    /// <summary>
    /// Checks a call of the tool whose metadata (<see cref="ModelContextProtocol.Server.McpServerTool.Metadata"/>: its
    /// attributes) is <paramref name="metadata"/>; calls of tools without the metadata it looks for pass with null.
    /// </summary>
    /// <returns>Null, or one sentence added to what the person confirming is shown.</returns>
    /// <exception cref="Core.BastionException">The call is refused; the message says why. Nothing is asked and nothing runs.</exception>
    ValueTask<string?> CheckAsync(IReadOnlyList<object> metadata, IReadOnlyDictionary<string, JsonElement> arguments, IReadOnlyList<Host> targets, CancellationToken cancellationToken);
}
