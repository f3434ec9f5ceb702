namespace Bastion.Fakes.WebOps.Faults;

/// <summary>
/// A fault injected in front of the views for requests whose path starts with <see cref="PathPrefix"/> (and whose
/// method is <see cref="Method"/>, when given), for the next <see cref="Times"/> such requests.
/// </summary>
public sealed record Fault(string PathPrefix, FaultKind Kind, string? Method = null, int Times = 1, int Status = 503, string ContentType = "text/html; charset=utf-8", string Body = "")
{
    /// <summary>503 with an HTML page, as a proxy in front of a stopped WebOps answers.</summary>
    public static Fault Unavailable(string pathPrefix, string? method = null, int times = 1) =>
        new(pathPrefix, FaultKind.Answer, method, times, 503, Body: "<html><body><h1>503 Service Unavailable</h1></body></html>");

    /// <summary>No answer at all.</summary>
    public static Fault Hang(string pathPrefix, string? method = null, int times = 1) => new(pathPrefix, FaultKind.Hang, method, times);

    /// <summary>A 200 HTML page where JSON belongs (a wrong base URL, a captive portal).</summary>
    public static Fault HtmlPage(string pathPrefix, string? method = null, int times = 1) =>
        new(pathPrefix, FaultKind.Answer, method, times, 200, Body: "<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>");

    /// <summary>429 as WebOps's rate limiter answers under <c>/api/</c>.</summary>
    public static Fault RateLimited(string pathPrefix, int retryAfterSeconds, string? method = null, int times = 1) =>
        new(pathPrefix, FaultKind.Answer, method, times, 429, "application/json",
            $"{{\"error\": \"Rate limit exceeded\", \"retry_after\": {retryAfterSeconds}, \"limit\": 100, \"remaining\": 0, \"reset\": 1762600000}}");

    /// <summary>A CSRF failure although the token matched (a proxy that dropped the cookie, a rotated secret).</summary>
    public static Fault CsrfRejection(string pathPrefix, int times = 1) => new(pathPrefix, FaultKind.CsrfRejection, null, times);
}
