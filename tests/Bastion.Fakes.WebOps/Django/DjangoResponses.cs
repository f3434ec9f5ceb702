using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Bastion.Fakes.WebOps.Django;

/// <summary>The answers Django and WebOps's views give, written the way they write them.</summary>
public static class DjangoResponses
{
    /// <summary>The login page (<c>LOGIN_URL</c>).</summary>
    public const string LoginPath = "/auth/login/";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A <c>JsonResponse</c>.</summary>
    public static Task JsonAsync(HttpContext context, object body, int status = 200)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Compact));
    }

    /// <summary>WebOps's flat error body, <c>{"error": "..."}</c>.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string error) =>
        JsonAsync(context, new Dictionary<string, object> { ["error"] = error }, status);

    /// <summary>An HTML page.</summary>
    public static Task HtmlAsync(HttpContext context, int status, string html)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html);
    }

    /// <summary>A 302 to <paramref name="location"/>.</summary>
    public static Task RedirectAsync(HttpContext context, string location)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
        context.Response.ContentType = "text/html; charset=utf-8";
        return Task.CompletedTask;
    }

    /// <summary>What <c>@login_required</c> answers an anonymous request: a 302 to the login page with <c>next</c>.</summary>
    public static Task LoginRedirectAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var next = context.Request.Path.Value + context.Request.QueryString.Value;
        return RedirectAsync(context, LoginPath + "?next=" + Uri.EscapeDataString(next).Replace("%2F", "/", StringComparison.Ordinal));
    }

    /// <summary>Django's CSRF failure page (403, HTML) with the reason it gives.</summary>
    public static Task CsrfFailureAsync(HttpContext context, string reason) =>
        HtmlAsync(context, StatusCodes.Status403Forbidden,
            $"<!DOCTYPE html><html lang=\"en\"><head><title>403 Forbidden</title></head><body><div id=\"summary\"><h1>Forbidden <span>(403)</span></h1>" +
            $"<p>CSRF verification failed. Request aborted.</p></div><div id=\"info\"><p>Reason given for failure:</p><pre>{reason}</pre></div></body></html>");

    /// <summary><c>require_http_methods</c> refusing a method: 405, an <c>Allow</c> header and an empty body.</summary>
    public static Task NotAllowedAsync(HttpContext context, params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = string.Join(", ", allowed);
        context.Response.ContentType = "text/html; charset=utf-8";
        return Task.CompletedTask;
    }

    /// <summary>WebOps's 403 handler (<c>PermissionDenied</c>), JSON in its error-context shape.</summary>
    public static Task PermissionDeniedAsync(HttpContext context) =>
        JsonAsync(context, new Dictionary<string, object>
        {
            ["error"] = true,
            ["status"] = 403,
            ["type"] = "permission_denied",
            ["message"] = "You don't have permission to access this resource.",
            ["details"] = new Dictionary<string, object>(),
        }, StatusCodes.Status403Forbidden);

    /// <summary>Django's 404 page for an unknown URL.</summary>
    public static Task NotFoundAsync(HttpContext context) =>
        HtmlAsync(context, StatusCodes.Status404NotFound, "<!DOCTYPE html><html><head><title>Not Found</title></head><body><h1>Not Found</h1><p>The requested resource was not found on this server.</p></body></html>");

    /// <summary>Django's 500 page (an exception in a view that did not catch it).</summary>
    public static Task ServerErrorAsync(HttpContext context) =>
        HtmlAsync(context, StatusCodes.Status500InternalServerError, "<!DOCTYPE html><html><head><title>Server Error (500)</title></head><body><h1>Server Error (500)</h1></body></html>");

    /// <summary>A time as Django's <c>isoformat()</c> writes an aware UTC datetime.</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture) + "+00:00";
}
