using System.Text.Json;
using Bastion.Core.Files;
using Bastion.Core.Inventory;
using Bastion.Mcp.Catalog;
using Bastion.Mcp.Pipeline;
using Bastion.Tools;

namespace Bastion.Mcp.Tools;

/// <summary>
/// Resolves a transfer's paths before the confirmation: the side on Bastion's machine here, the side on the host in one
/// round trip; a relative path, a '..' segment or a secret (see <see cref="Core.Policy.PathGuard"/>) refuses the call
/// before anyone is asked. A tool opts in with <see cref="TransfersFileAttribute"/>. The transfer checks again when it runs.
/// </summary>
public sealed class TransferPrecheck(Fleet fleet, FileTransfer transfer) : ICallPrecheck
{
    /// <inheritdoc/>
    public async ValueTask<string?> CheckAsync(IReadOnlyList<object> metadata, IReadOnlyDictionary<string, JsonElement> arguments, IReadOnlyList<Host> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(targets);
        var paths = metadata.OfType<TransfersFileAttribute>().FirstOrDefault();
        var (remoteName, localName) = (paths?.Remote, paths?.Local);
        if (remoteName is null || localName is null || targets.Count != 1
            || Text(arguments, remoteName) is not { } remote || Text(arguments, localName) is not { } local)
        {
            return null;
        }

        var localReal = transfer.ResolveLocal(local, localName);
        var host = targets[0].Name;
        var remoteReal = await transfer.ResolveOnHostAsync(fleet.RunnerFor(host), remote, cancellationToken);
        return $"Resolved paths: {localName} on Bastion's machine is {localReal}; {remoteName} on {host} is {remoteReal}.";
    }

    private static string? Text(IReadOnlyDictionary<string, JsonElement> arguments, string name) =>
        arguments.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
