using System.Diagnostics;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Testing;

/// <summary>
/// Records the progress notifications a client session receives, grouped by progress token in the order the tokens
/// first arrive (so the first group is the first call that asked for progress). Pass the recorder as a call's progress
/// to make the client ask for progress; what is recorded comes from a handler registered for the whole session, because
/// the SDK client drops a call's notifications that it handles after the call's result (it handles each incoming
/// message on its own task), which under load loses the last notification or two.
/// </summary>
public sealed class ProgressRecorder : IProgress<ProgressNotificationValue>, IAsyncDisposable
{
    private readonly List<(string Token, ProgressNotificationValue Value)> _seen = [];
    private readonly IAsyncDisposable _registration;

    private ProgressRecorder(McpClient client) =>
        _registration = client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, (notification, _) =>
        {
            var parameters = JsonSerializer.Deserialize<ProgressNotificationParams>(notification.Params, McpJsonUtilities.DefaultOptions)!;
            lock (_seen)
            {
                _seen.Add((parameters.ProgressToken.ToString() ?? "", parameters.Progress));
            }

            return ValueTask.CompletedTask;
        });

    /// <summary>Starts recording every progress notification <paramref name="client"/> receives.</summary>
    public static ProgressRecorder On(McpClient client) => new(client);

    /// <summary>
    /// The notifications of the <paramref name="call"/>-th call that reported progress (0 = the first), once at least
    /// <paramref name="count"/> of them arrived, in the order they were sent (the client may handle them out of order;
    /// MCP has the progress value increase with each); fails after 30 s, which only a loaded machine needs.
    /// </summary>
    public async Task<IReadOnlyList<ProgressNotificationValue>> AtLeastAsync(int count, int call = 0)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var values = Of(call);
            if (values.Count >= count)
            {
                return values;
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"call {call} reported {values.Count} progress notifications in 30 s; expected at least {count}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Ignored: the call's own handler may miss notifications; the session-wide one records them.</summary>
    public void Report(ProgressNotificationValue value)
    {
    }

    public ValueTask DisposeAsync() => _registration.DisposeAsync();

    private List<ProgressNotificationValue> Of(int call)
    {
        lock (_seen)
        {
            var token = _seen.Select(s => s.Token).Distinct().ElementAtOrDefault(call);
            return [.. _seen.Where(s => s.Token == token && token is not null).Select(s => s.Value).OrderBy(v => v.Progress)];
        }
    }
}
