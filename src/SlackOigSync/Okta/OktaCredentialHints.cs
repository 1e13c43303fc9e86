using SlackOigSync.Configuration;

namespace SlackOigSync.Okta;

/// <summary>What to tell the operator when Okta answers 401 or 403, for the way the worker authenticates (Okta:AuthMode).</summary>
public sealed record OktaCredentialHints(string Unauthorized, string Forbidden)
{
    public static readonly OktaCredentialHints ApiToken = new(
        "The Okta token is invalid or expired: set Okta:ApiToken (SSWS) or Okta:AccessToken to a valid credential.",
        "The Okta credential lacks a permission: it needs an admin role that can manage the app's entitlements (App Admin or Super Admin) and, for OAuth, the scopes okta.users.read, okta.apps.read, okta.governance.entitlements.read and okta.governance.entitlements.manage.");

    public static OktaCredentialHints ServiceApp(string clientId, string scopes)
    {
        var requested = scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var missing = OktaSettings.LeastScopes.Split(' ').Except(requested, StringComparer.Ordinal).ToList();
        return new OktaCredentialHints(
            $"Okta refused the service app's access token even after a new one was requested: check that app {clientId} is active and run again.",
            missing.Count > 0
                ? $"Okta:Scopes does not ask for {string.Join(" and ", missing)}, which the sync needs: grant {(missing.Count == 1 ? "it" : "them")} on the app's 'Okta API Scopes' tab and add {(missing.Count == 1 ? "it" : "them")} to Okta:Scopes."
                : $"Service app {clientId} has the scopes the sync needs, so it lacks an admin role: on the app's 'Admin roles' tab assign Application Administrator for the Slack app (or Super Administrator), so that it may manage the app's entitlements and grants; then run again.");
    }
}
