using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Bastion.Mcp.Observability;

/// <summary>Bastion's console logging: everything to stderr, so stdout stays the protocol's or the result's.</summary>
public static class ConsoleLogging
{
    /// <summary>
    /// Adds the console logger, writing every level to stderr, as plain text or as one JSON object per line (see
    /// <see cref="LogFormat"/>). JSON also records the current span's trace and span ids as scopes, so log lines can be
    /// joined to the traces exported over OTLP (<c>--otlp-endpoint</c>).
    /// </summary>
    public static ILoggingBuilder AddBastionConsole(this ILoggingBuilder logging, LogFormat format)
    {
        ArgumentNullException.ThrowIfNull(logging);
        if (format == LogFormat.Json)
        {
            logging.Configure(factory => factory.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
            logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";
                json.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            });
        }

        return logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
