//! `$/progress` reports for background work (loading Kconfig, indexing), sent
//! only when the client said it can show them.

use tower_lsp::lsp_types::notification::Progress as ProgressNotification;
use tower_lsp::lsp_types::request::WorkDoneProgressCreate;
use tower_lsp::lsp_types::{
    NumberOrString, ProgressParams, ProgressParamsValue, WorkDoneProgress, WorkDoneProgressBegin,
    WorkDoneProgressCreateParams, WorkDoneProgressEnd, WorkDoneProgressReport,
};
use tower_lsp::Client;

/// One running piece of work shown in the client.
pub struct Progress {
    client: Client,
    token: Option<NumberOrString>,
}

impl Progress {
    /// Asks the client for a progress token and reports `title` as begun.
    pub async fn begin(client: &Client, enabled: bool, token: &str, title: &str) -> Progress {
        let mut p = Progress {
            client: client.clone(),
            token: None,
        };
        if !enabled {
            return p;
        }
        let token = NumberOrString::String(token.to_string());
        let created = client
            .send_request::<WorkDoneProgressCreate>(WorkDoneProgressCreateParams {
                token: token.clone(),
            })
            .await;
        if created.is_err() {
            return p;
        }
        p.token = Some(token);
        p.send(WorkDoneProgress::Begin(WorkDoneProgressBegin {
            title: title.to_string(),
            cancellable: Some(false),
            message: None,
            percentage: None,
        }))
        .await;
        p
    }

    async fn send(&self, value: WorkDoneProgress) {
        if let Some(token) = &self.token {
            self.client
                .send_notification::<ProgressNotification>(ProgressParams {
                    token: token.clone(),
                    value: ProgressParamsValue::WorkDone(value),
                })
                .await;
        }
    }

    /// Reports what the work is doing now.
    pub async fn report(&self, message: String) {
        self.send(WorkDoneProgress::Report(WorkDoneProgressReport {
            cancellable: None,
            message: Some(message),
            percentage: None,
        }))
        .await;
    }

    /// Reports the work as finished with a closing message.
    pub async fn end(self, message: String) {
        self.send(WorkDoneProgress::End(WorkDoneProgressEnd {
            message: Some(message),
        }))
        .await;
    }
}
