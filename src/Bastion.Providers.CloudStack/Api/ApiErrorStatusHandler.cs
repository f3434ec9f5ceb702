using System.Net;
using System.Text.Json;

namespace Bastion.Providers.CloudStack.Api;

/// <summary>
/// CloudStack answers its own API errors with the HTTP status set to the error code, and several of them are 5xx (530
/// internal error, 531 account error, 533 insufficient capacity, 536 resource in use…). Those are answers, not
/// outages: retrying a refused login, or counting "insufficient capacity" toward the circuit breaker, would be wrong.
/// This handler gives such answers status 422, so <see cref="PlatformHttp"/>'s retries and breaker see only real
/// transport trouble (a 503 page while the management server starts, a proxy's 502/504, hangs, resets). The body is
/// kept unchanged; the client reads the error code from it.
/// </summary>
internal sealed class ApiErrorStatusHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode is >= 530 and <= 599)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (IsApiError(body))
            {
                response.StatusCode = HttpStatusCode.UnprocessableContent;
            }
        }

        return response;
    }

    private static bool IsApiError(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("errorcode", out _));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
