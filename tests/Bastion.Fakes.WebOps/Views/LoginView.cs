using System.Net;
using Bastion.Fakes.WebOps.Django;
using Bastion.Fakes.WebOps.State;
using Microsoft.AspNetCore.Http;

namespace Bastion.Fakes.WebOps.Views;

/// <summary>
/// <c>/auth/login/</c> as WebOps's <c>login_view</c> behaves: GET renders the form (and sets the <c>csrftoken</c>
/// cookie); POST with the right username and password logs in (a <c>sessionid</c> cookie, a rotated CSRF secret, a 302
/// to <c>next</c> or the dashboard), or to the two-factor page when 2FA is on; a wrong password renders the form again
/// (200) with an error. A logged-in user is redirected to the dashboard.
/// </summary>
public static class LoginView
{
    /// <summary>True after a successful login, false after a refused one, null otherwise.</summary>
    public static async Task<bool?> HandleAsync(HttpContext context, FakeStore store, string? user)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsPost(context.Request.Method))
        {
            await DjangoResponses.NotAllowedAsync(context, "GET", "POST");
            return null;
        }

        if (user is not null)
        {
            await DjangoResponses.RedirectAsync(context, "/dashboard/");
            return null;
        }

        if (HttpMethods.IsGet(context.Request.Method))
        {
            await RenderAsync(context, store, error: null);
            return null;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var options = store.Options;
        if (form["username"] != options.Username || form["password"] != options.Password)
        {
            await RenderAsync(context, store, "Invalid username or password.");
            return false;
        }

        if (options.TwoFactor)
        {
            await DjangoResponses.RedirectAsync(context, "/auth/2fa/verify/");
            return null;
        }

        string session;
        string secret;
        lock (store.Gate)
        {
            session = store.NewSession(options.Username);
            secret = CsrfTokens.NewSecret();
            store.Remember(secret);
        }

        var lifetime = options.SessionLifetime;
        context.Response.Cookies.Append("sessionid", session, new CookieOptions { HttpOnly = true, Path = "/", SameSite = SameSiteMode.Lax, MaxAge = lifetime });
        SetCsrfCookie(context, secret);
        var next = context.Request.Query["next"].ToString();
        await DjangoResponses.RedirectAsync(context, next.StartsWith('/') ? next : "/dashboard/");
        return true;
    }

    private static async Task RenderAsync(HttpContext context, FakeStore store, string? error)
    {
        var secret = context.Request.Cookies["csrftoken"];
        if (string.IsNullOrEmpty(secret) || secret.Length != 32)
        {
            secret = CsrfTokens.NewSecret();
            SetCsrfCookie(context, secret);
        }

        var token = CsrfTokens.Mask(secret);
        lock (store.Gate)
        {
            store.Remember(secret);
            store.Remember(token);
        }

        var message = error is null ? string.Empty : $"<div class=\"alert alert-error\">{WebUtility.HtmlEncode(error)}</div>";
        await DjangoResponses.HtmlAsync(context, 200,
            "<!DOCTYPE html><html lang=\"en\"><head><title>Sign in · WebOps</title></head><body>" + message +
            "<form method=\"post\" action=\"/auth/login/\">" +
            $"<input type=\"hidden\" name=\"csrfmiddlewaretoken\" value=\"{token}\">" +
            "<input type=\"text\" name=\"username\" autofocus required><input type=\"password\" name=\"password\" required>" +
            "<input type=\"checkbox\" name=\"remember_me\" checked><button type=\"submit\">Sign in</button></form></body></html>");
    }

    private static void SetCsrfCookie(HttpContext context, string secret) =>
        context.Response.Cookies.Append("csrftoken", secret, new CookieOptions { Path = "/", SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromSeconds(31449600) });
}
