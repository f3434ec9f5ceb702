using System.Globalization;
using System.Text.Json;

namespace Bastion.Core.Audit.Shipping;

/// <summary>
/// Ships entries as OpenTelemetry log records over OTLP/HTTP with the JSON encoding: one <c>POST</c> of an
/// <c>ExportLogsServiceRequest</c> per batch to <paramref name="endpoint"/> (e.g. <c>…:4318/v1/logs</c>). Each record:
/// <c>timeUnixNano</c> (the entry's time), severity INFO (9), the entry's JSON line as <c>body</c>, and the attributes
/// <c>bastion.audit.seq</c>, <c>bastion.audit.hash</c> and, for a tenant's chain, <c>bastion.tenant</c>; resource
/// <c>service.name</c> = <c>bastion</c>, scope <c>Bastion.Audit</c>. A response other than 2xx is a failed send.
/// </summary>
public sealed class OtlpSink(Uri endpoint, int capacity) : AuditSink("otlp", capacity)
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <inheritdoc/>
    protected override async Task SendAsync(IReadOnlyList<ShippedEntry> batch, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(Request(batch));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(endpoint, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The OTLP receiver {endpoint} answered HTTP {(int)response.StatusCode}.");
        }
    }

    /// <summary>The <c>ExportLogsServiceRequest</c> JSON of <paramref name="batch"/>.</summary>
    public static byte[] Request(IReadOnlyList<ShippedEntry> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("resourceLogs");
            json.WriteStartObject();
            json.WriteStartObject("resource");
            json.WriteStartArray("attributes");
            Attribute(json, "service.name", "bastion");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartArray("scopeLogs");
            json.WriteStartObject();
            json.WriteStartObject("scope");
            json.WriteString("name", "Bastion.Audit");
            json.WriteEndObject();
            json.WriteStartArray("logRecords");
            foreach (var entry in batch)
            {
                json.WriteStartObject();
                var nanos = (entry.Time.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
                json.WriteString("timeUnixNano", nanos.ToString(CultureInfo.InvariantCulture));
                json.WriteNumber("severityNumber", 9);
                json.WriteString("severityText", "INFO");
                json.WriteStartObject("body");
                json.WriteString("stringValue", entry.Line);
                json.WriteEndObject();
                json.WriteStartArray("attributes");
                json.WriteStartObject();
                json.WriteString("key", "bastion.audit.seq");
                json.WriteStartObject("value");
                json.WriteString("intValue", entry.Seq.ToString(CultureInfo.InvariantCulture));
                json.WriteEndObject();
                json.WriteEndObject();
                Attribute(json, "bastion.audit.hash", entry.Hash);
                if (entry.Tenant is not null)
                {
                    Attribute(json, "bastion.tenant", entry.Tenant);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <inheritdoc/>
    protected override void Release() => _http.Dispose();

    private static void Attribute(Utf8JsonWriter json, string key, string value)
    {
        json.WriteStartObject();
        json.WriteString("key", key);
        json.WriteStartObject("value");
        json.WriteString("stringValue", value);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
