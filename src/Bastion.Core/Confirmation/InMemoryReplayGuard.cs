using System.Collections.Concurrent;

namespace Bastion.Core.Confirmation;

/// <summary>The replay guard of one process: the used ids until they expire, swept as new ones arrive.</summary>
public sealed class InMemoryReplayGuard(TimeProvider clock) : IReplayGuard
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<bool> TryConsumeAsync(string id, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var now = clock.GetUtcNow();
        foreach (var (used, until) in _used)
        {
            if (until <= now)
            {
                _used.TryRemove(used, out _);
            }
        }

        return ValueTask.FromResult(_used.TryAdd(id, expires));
    }
}
