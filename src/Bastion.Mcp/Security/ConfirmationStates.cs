using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Bastion.Core;
using Bastion.Core.Confirmation;
using Bastion.Core.Policy;

namespace Bastion.Mcp.Security;

/// <summary>
/// The request state of a 2026-07-28 confirmation (an input-required result): which call the person is asked to
/// confirm — principal, tenant, tool, the hash of the arguments and the hash of the hosts they resolved to (the retry
/// resolves them again, and must find the same) — with a random id and an expiry, sealed with the
/// server's <see cref="StateKey"/> so the client can neither forge nor alter it. Redeeming it checks the seal, the
/// expiry, the binding, and (last) that the id was never used before (<see cref="IReplayGuard"/>). Nothing is kept
/// between the two requests but the guard's used ids, so the retry may land on any instance that has the same key
/// and guard. The state lives as long as a plan handle (<see cref="BastionOptions.ConfirmationLifetime"/>).
/// </summary>
public sealed class ConfirmationStates(BastionOptions options, IReplayGuard replays, TimeProvider clock)
{
    private const string Purpose = "confirmation";

    private readonly Lazy<StateKey> _key = new(() => StateKey.LoadOrCreate(options.Paths.RootDataDirectory));

    /// <summary>A sealed state for this call, and when it expires.</summary>
    /// <exception cref="BastionException">The key file cannot be used (see <see cref="StateKey.LoadOrCreate"/>).</exception>
    public (string State, DateTimeOffset Expires) Issue(Principal principal, string tool, string argumentsHash, string hostsHash)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var expires = clock.GetUtcNow() + options.ConfirmationLifetime;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
            writer.WriteString("sub", principal.Name);
            writer.WriteString("ten", principal.Tenant);
            writer.WriteString("tool", tool);
            writer.WriteString("args", argumentsHash);
            writer.WriteString("hosts", hostsHash);
            writer.WriteNumber("exp", expires.ToUnixTimeMilliseconds());
            writer.WriteEndObject();
        }

        return (_key.Value.Seal(Purpose, buffer.WrittenSpan), expires);
    }

    /// <summary>Checks that <paramref name="state"/> confirms exactly this call, and uses it up.</summary>
    /// <exception cref="BastionException">Not issued by a server with this key or altered, expired, issued to another
    /// principal or tenant, for another tool, other arguments or other hosts, or already used.</exception>
    public async ValueTask RedeemAsync(string state, Principal principal, string tool, string argumentsHash, string hostsHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(principal);
        if (_key.Value.Open(Purpose, state) is not { } payload || Read(payload) is not { } sealedState)
        {
            throw Refusal("it was not issued by this server or was altered");
        }

        var problem =
            sealedState.Expires <= clock.GetUtcNow() ? "it expired" :
            sealedState.Principal != principal.Name || sealedState.Tenant != principal.Tenant ? "it was issued to another principal" :
            sealedState.Tool != tool ? $"it was issued for '{sealedState.Tool}'" :
            sealedState.ArgumentsHash != argumentsHash ? "the arguments differ from the ones the person was asked about" :
            sealedState.HostsHash != hostsHash ? "the hosts the call resolves to now differ from the ones the person was asked about (the inventory changed)" :
            null;
        if (problem is not null)
        {
            throw Refusal(problem);
        }

        if (!await replays.TryConsumeAsync(sealedState.Id, sealedState.Expires, cancellationToken))
        {
            throw Refusal("it was already used");
        }
    }

    private static BastionException Refusal(string problem) =>
        new($"The request state does not confirm this call: {problem}. Nothing ran; call the tool again without requestState to be asked again.");

    private static SealedConfirmation? Read(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            return new SealedConfirmation(
                root.GetProperty("id").GetString()!,
                root.GetProperty("sub").GetString()!,
                root.GetProperty("ten").GetString(),
                root.GetProperty("tool").GetString()!,
                root.GetProperty("args").GetString()!,
                root.GetProperty("hosts").GetString()!,
                DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("exp").GetInt64()));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
