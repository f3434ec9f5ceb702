using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bastion.Core.Secrets;
using Microsoft.Extensions.Logging;

namespace Bastion.Core.Alerts;

/// <summary>
/// Tells a rule's webhook about each change of one of its alerts: a JSON POST whose body Slack's incoming webhooks
/// accept (<c>text</c>, plus <c>attachments</c> with fields) and which carries the alert itself under <c>alert</c>. Sent
/// in the background, one after another in the order of the changes, with a timeout (<see cref="Timeout"/>), so a slow
/// receiver never holds up a tick; failures are
/// logged with the webhook's path hidden (it is often the secret).
/// </summary>
public sealed partial class AlertNotifier(HttpClient http, ILogger<AlertNotifier> logger) : IDisposable
{
    /// <summary>Time one POST may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private Task _tail = Task.CompletedTask;

    /// <summary>Queues the POST for <paramref name="alert"/> when <paramref name="rule"/> has a webhook; returns at once.
    /// POSTs go one after another, in the order of the changes.</summary>
    public void Notify(AlertRule rule, AlertEvent alert)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(alert);
        if (rule.Webhook is not { } url)
        {
            return;
        }

        lock (_lock)
        {
            _tail = _tail.ContinueWith(_ => PostAsync(rule, url, alert), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>Waits until the POSTs queued so far are done (for shutdown and tests).</summary>
    public Task DrainAsync()
    {
        lock (_lock)
        {
            return _tail;
        }
    }

    /// <summary>The body sent for <paramref name="alert"/>.</summary>
    public static JsonObject Body(AlertEvent alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var firing = alert.State == AlertEvent.Firing;
        var text = firing
            ? $"[{alert.Severity}] {alert.Rule} firing on {alert.Host}: {alert.Metric} {alert.Condition} (value {Number(alert.Value)}) since {alert.StartedAt:u}"
            : $"[{alert.Severity}] {alert.Rule} resolved on {alert.Host}: {alert.Metric} {alert.Condition} no longer holds (value {(alert.EndValue is { } v ? Number(v) : "n/a")}) at {alert.EndedAt:u}, after firing since {alert.StartedAt:u}";
        JsonObject Field(string title, string value) => new() { ["title"] = title, ["value"] = value, ["short"] = true };
        return new JsonObject
        {
            ["text"] = text,
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["color"] = !firing ? "good" : alert.Severity == "critical" ? "danger" : "warning",
                ["fields"] = new JsonArray(
                    Field("host", alert.Host),
                    Field("state", alert.State),
                    Field("severity", alert.Severity),
                    Field("metric", alert.Metric),
                    Field("condition", alert.Condition),
                    Field("value", Number(firing ? alert.Value : alert.EndValue ?? alert.Value))),
            }),
            ["alert"] = new JsonObject
            {
                ["rule"] = alert.Rule,
                ["host"] = alert.Host,
                ["state"] = alert.State,
                ["severity"] = alert.Severity,
                ["metric"] = alert.Metric,
                ["condition"] = alert.Condition,
                ["value"] = alert.Value,
                ["started_at"] = alert.StartedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ["ended_at"] = alert.EndedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ["end_value"] = alert.EndValue,
            },
        };
    }

    public void Dispose() => http.Dispose();

    private async Task PostAsync(AlertRule rule, string url, AlertEvent alert)
    {
        var shown = Redactor.HideValue(url);
        try
        {
            using var timeout = new CancellationTokenSource(Timeout);
            using var response = await http.PostAsJsonAsync(url, Body(alert), CommonJson.Default.JsonObject, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogRejected(logger, rule.Name, shown, (int)response.StatusCode);
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            LogFailed(logger, rule.Name, shown, e is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : e.Message.Replace(url, shown, StringComparison.Ordinal));
        }
    }

    private static string Number(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert webhook of rule {Rule} ({Webhook}) answered HTTP {Status}")]
    private static partial void LogRejected(ILogger logger, string rule, string webhook, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert webhook of rule {Rule} ({Webhook}) failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string rule, string webhook, string reason);
}
