//! Teams: the list of teams and a team's whole life (create, check, read, save, delete), each accepted by
//! Prism with its answer decoded.

use crisp_client::types::Team;

use super::{Ctx, USER, WEBSITE};

const TEAM: &str = "3f6c1d2e-8a9b-4c7d-b5e4-0f1a2b3c4d5e";

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted("listTeams", client.list_teams(WEBSITE, 1).await);
    let billing = Team {
        name: Some("Billing".into()),
        emoji: Some("💳".into()),
        operators: Some(vec![
            USER.into(),
            "0f9e8d7c-6b5a-4f3e-9d2c-1b0a9f8e7d6c".into(),
        ]),
        ..Team::default()
    };
    ctx.accepted(
        "createNewTeam",
        client.create_new_team(WEBSITE, &billing).await,
    );
    ctx.accepted(
        "checkTeamExists",
        client.check_team_exists(WEBSITE, TEAM).await,
    );
    ctx.accepted("getTeam", client.get_team(WEBSITE, TEAM).await);
    let renamed = Team {
        name: Some("Billing & refunds".into()),
        ..billing
    };
    ctx.accepted("saveTeam", client.save_team(WEBSITE, TEAM, &renamed).await);
    ctx.accepted("deleteTeam", client.delete_team(WEBSITE, TEAM).await);
}
