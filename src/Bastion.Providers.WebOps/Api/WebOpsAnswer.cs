using System.Net.Http.Headers;

namespace Bastion.Providers.WebOps.Api;

/// <summary>One answer from WebOps, read whole: status, media type, body and where a redirect points.</summary>
internal sealed record WebOpsAnswer(string Method, string Path, int Status, string? MediaType, string Body, Uri? Location)
{
    /// <summary>True for a redirect to the login page: Django's <c>@login_required</c> turning an anonymous request away.</summary>
    public bool IsLoginRedirect => Status is >= 300 and < 400 && Location is { } to && to.AbsolutePath.Contains("/auth/login/", StringComparison.Ordinal);

    /// <summary>True for Django's CSRF failure page (403, HTML).</summary>
    public bool IsCsrfFailure => Status == 403 && Body.Contains("CSRF verification failed", StringComparison.Ordinal);

    /// <summary>True when the body is JSON by its media type.</summary>
    public bool IsJson => MediaType is { } type && (type == "application/json" || type.EndsWith("+json", StringComparison.Ordinal));

    /// <summary>Reads the parts Bastion needs from <paramref name="response"/>.</summary>
    public static async Task<WebOpsAnswer> ReadAsync(string method, string path, Uri requestUri, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l : new Uri(requestUri, l)) : null;
        return new WebOpsAnswer(method, path, (int)response.StatusCode, MediaTypeOf(response.Content.Headers.ContentType), body, location);
    }

    private static string? MediaTypeOf(MediaTypeHeaderValue? type) => type?.MediaType?.ToLowerInvariant();
}
