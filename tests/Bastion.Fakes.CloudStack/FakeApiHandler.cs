using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Bastion.Fakes.CloudStack;

/// <summary>The API servlet of the fake: records the request, applies faults, authenticates, runs the command, writes the envelope.</summary>
internal sealed class FakeApiHandler
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private DateTimeOffset _throttleStart;
    private int _throttleCount;
    private readonly ConcurrentDictionary<string, FakeSession> _sessions = new(StringComparer.Ordinal);

    public FakeApiHandler(CloudStackFakeOptions options)
    {
        Options = options;
        Faults = new FakeFaults();
        Cloud = new FakeCloud(options, Faults);
    }

    public CloudStackFakeOptions Options { get; }

    public FakeFaults Faults { get; }

    public FakeCloud Cloud { get; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    private DateTimeOffset Now => Options.Clock.GetUtcNow();

    public void ExpireSessions() => _sessions.Clear();

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var received = request.Query.Select(q => KeyValuePair.Create(q.Key, q.Value.ToString())).ToList();
        var body = string.Empty;
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            request.EnableBuffering();
            using (var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true))
            {
                body = await reader.ReadToEndAsync(context.RequestAborted);
            }

            request.Body.Position = 0;
            var form = await request.ReadFormAsync(context.RequestAborted);
            received.AddRange(form.Select(f => KeyValuePair.Create(f.Key, f.Value.ToString())));
        }

        // Parameter names are case-insensitive; the first value of a name counts.
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in received)
        {
            parameters.TryAdd(key, value);
        }

        var command = parameters.GetValueOrDefault("command");
        lock (_gate)
        {
            _requests.Add(new RecordedRequest(request.Method, command, request.QueryString.Value ?? string.Empty, body, request.Headers.Cookie.ToString()));
        }

        var name = (command ?? "error").ToLowerInvariant() + "response";
        switch (Faults.Take(command))
        {
            case FaultKind.ServiceUnavailable:
                context.Response.StatusCode = 503;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body><h1>503 Service Unavailable</h1><p>The management server is starting.</p></body></html>");
                return;
            case FaultKind.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                return;
            case FaultKind.InternalError:
                await WriteErrorAsync(context, name, new FakeApiException(530, "Internal error executing command, please contact your system administrator"));
                return;
        }

        if (!string.Equals(parameters.GetValueOrDefault("response"), "json", StringComparison.OrdinalIgnoreCase))
        {
            // CloudStack's default answer is XML; this fake only speaks JSON and says so in XML.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/xml; charset=UTF-8";
            await context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><{name} cloud-stack-version=\"4.19.0\"><note>ask with response=json</note></{name}>");
            return;
        }

        try
        {
            if (command is null)
            {
                throw new FakeApiException(431, "Unable to execute API command due to missing parameter command");
            }

            if (command == "login")
            {
                await LoginAsync(context, parameters, name);
                return;
            }

            var (caller, session) = Authenticate(context, received, parameters);
            if (command == "logout")
            {
                if (session is not null)
                {
                    _sessions.TryRemove(session.Id, out _);
                }

                await WriteAsync(context, 200, new JsonObject { [name] = new JsonObject { ["description"] = "success" } });
                return;
            }

            Throttle();

            if (!FakeCloud.MayCall(caller, command))
            {
                throw FakeApiException.NoSuchCommand(command);
            }

            var listAll = bool.TryParse(parameters.GetValueOrDefault("listall"), out var all) && all;
            var result = Cloud.Execute(new FakeCall(command, parameters, listAll, caller));
            await WriteAsync(context, 200, new JsonObject { [name] = result });
        }
        catch (FakeApiException e)
        {
            await WriteErrorAsync(context, name, e);
        }
    }

    /// <summary>Calls refused by <see cref="CloudStackFakeOptions.ApiThrottle"/>.</summary>
    public int Throttled { get; private set; }

    /// <summary>Counts an authenticated call (the fake has one account); 429 when over <see cref="CloudStackFakeOptions.ApiThrottle"/>.</summary>
    private void Throttle()
    {
        if (Options.ApiThrottle is not { } limit)
        {
            return;
        }

        lock (_gate)
        {
            var now = Options.Clock.GetUtcNow();
            if (now - _throttleStart >= Options.ApiThrottleInterval)
            {
                (_throttleStart, _throttleCount) = (now, 0);
            }

            if (++_throttleCount > limit)
            {
                Throttled++;
                var wait = (long)Math.Ceiling((_throttleStart + Options.ApiThrottleInterval - now).TotalMilliseconds);
                throw new FakeApiException(429, $"The given user has reached his/her account api limit, please retry after {wait} ms.");
            }
        }
    }

    private async Task LoginAsync(HttpContext context, Dictionary<string, string> parameters, string name)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            throw new FakeApiException(405, "Please use HTTP POST to authenticate using this API");
        }

        var username = parameters.GetValueOrDefault("username");
        var password = parameters.GetValueOrDefault("password");
        var domain = parameters.GetValueOrDefault("domain") ?? "/";
        if (Cloud.Login(username, password) is not { } user || !string.Equals(domain.Trim('/'), Options.Domain.Trim('/'), StringComparison.OrdinalIgnoreCase))
        {
            throw new FakeApiException(531, $"Failed to authenticate user {username} in domain {domain}; please provide valid credentials", 4330);
        }

        var session = new FakeSession { Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), Key = FakeCloud.NewSecret(20), User = user, LastUsed = Now };
        _sessions[session.Id] = session;
        context.Response.Headers.Append("Set-Cookie", $"JSESSIONID={session.Id}; Path=/client; HttpOnly");
        context.Response.Headers.Append("Set-Cookie", $"sessionkey={session.Key}; Path=/client");
        await WriteAsync(context, 200, new JsonObject
        {
            [name] = new JsonObject
            {
                ["username"] = user.Username,
                ["userid"] = user.Id,
                ["domainid"] = "dom-root",
                ["timeout"] = (int)Options.SessionTimeout.TotalSeconds,
                ["account"] = user.Account,
                ["firstname"] = user.FirstName,
                ["lastname"] = user.LastName,
                ["type"] = user.IsAdmin ? "admin" : "user",
                ["timezone"] = "UTC",
                ["registered"] = "false",
                ["sessionkey"] = session.Key,
                ["is2faenabled"] = "false",
                ["is2faverified"] = "true",
            },
        });
    }

    /// <summary>The caller, and the session of a session call (null for a signed call that verifies).</summary>
    /// <exception cref="FakeApiException">401 when neither verifies.</exception>
    private (FakeUser Caller, FakeSession? Session) Authenticate(HttpContext context, List<KeyValuePair<string, string>> received, Dictionary<string, string> parameters)
    {
        if (parameters.ContainsKey("signature") || parameters.ContainsKey("apikey"))
        {
            return (VerifySignature(received, parameters), null);
        }

        if (!context.Request.Cookies.TryGetValue("JSESSIONID", out var id) || !_sessions.TryGetValue(id, out var session))
        {
            throw FakeApiException.Unauthorized();
        }

        if (Now - session.LastUsed > Options.SessionTimeout)
        {
            _sessions.TryRemove(id, out _);
            throw FakeApiException.Unauthorized();
        }

        if (!FixedEquals(parameters.GetValueOrDefault("sessionkey"), session.Key))
        {
            throw FakeApiException.Unauthorized();
        }

        session.LastUsed = Now;
        return (session.User, session);
    }

    private FakeUser VerifySignature(List<KeyValuePair<string, string>> received, Dictionary<string, string> parameters)
    {
        var signature = parameters.GetValueOrDefault("signature");
        var apiKey = parameters.GetValueOrDefault("apikey");
        if (signature is null || apiKey is null)
        {
            throw FakeApiException.Unauthorized();
        }

        if (parameters.GetValueOrDefault("signatureversion") == "3")
        {
            if (ParseExpires(parameters.GetValueOrDefault("expires")) is not { } expires || expires < Now)
            {
                throw FakeApiException.Unauthorized();
            }
        }

        if (Cloud.UserByApiKey(apiKey) is not { SecretKey: { } secret } user)
        {
            throw FakeApiException.Unauthorized();
        }

        if (!FixedEquals(signature, FakeSignature.Compute(received, secret)))
        {
            throw FakeApiException.Unauthorized();
        }

        return user;
    }

    private static DateTimeOffset? ParseExpires(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var normalised = text.Length > 5 && text[^5] is '+' or '-' && !text[^3..].Contains(':', StringComparison.Ordinal) ? text[..^2] + ":" + text[^2..] : text;
        return DateTimeOffset.TryParseExact(normalised, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
    }

    private static bool FixedEquals(string? a, string? b) =>
        a is not null && b is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static Task WriteErrorAsync(HttpContext context, string name, FakeApiException error) =>
        WriteAsync(context, error.ErrorCode, new JsonObject
        {
            [name] = new JsonObject
            {
                ["uuidList"] = new JsonArray(),
                ["errorcode"] = error.ErrorCode,
                ["cserrorcode"] = error.CsErrorCode,
                ["errortext"] = error.Message,
            },
        });

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(body.ToJsonString(Json));
    }
}
