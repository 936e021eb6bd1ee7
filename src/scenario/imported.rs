//! An import in a scenario ([`Imported::apply`]), and the way back: a
//! scenario's network as an edge list with its coordinators, for export.

use crate::error::FieldError;
use crate::network::edgelist::{EdgeList, Imported};
use crate::network::generators::NetworkSpec;
use crate::scenario::check::Checked;
use crate::scenario::{Choice, Scenario};

impl Imported {
    /// The network `scenario` runs on (before its coordinators' own ties),
    /// as an edge list with its coordinators, for export. A generated
    /// network's firms are labelled by id, so its CSV reads back in order.
    pub fn of_scenario(scenario: &Checked) -> Result<Imported, FieldError> {
        let network = scenario.network()?.network;
        let coordinators = scenario.choose_coordinators(&network);
        if let NetworkSpec::EdgeList(list) = &scenario.network {
            let network = list.clone();
            return Ok(Imported {
                network,
                coordinators,
            });
        }
        let groups = network.group_count();
        let network = EdgeList {
            labels: (0..network.firm_count()).map(|f| f.to_string()).collect(),
            ties: network.ties().to_vec(),
            names: Vec::new(),
            groups: if groups > 1 {
                network.groups().to_vec()
            } else {
                Vec::new()
            },
            group_names: if groups > 1 {
                (1..=groups).map(|g| g.to_string()).collect()
            } else {
                Vec::new()
            },
        };
        Ok(Imported {
            network,
            coordinators,
        })
    }

    /// `scenario` running this network: `firms` set from the list; flagged
    /// coordinators become the chosen coordinators. Without flags the
    /// choice is kept, except that firms chosen in another network are
    /// dropped (highest degree instead), and `k` is kept below the firm count.
    pub fn apply(&self, scenario: &Scenario) -> Scenario {
        let n = self.network.firm_count();
        let mut out = Scenario {
            firms: n,
            network: NetworkSpec::EdgeList(self.network.clone()),
            ..scenario.clone()
        };
        if !self.coordinators.is_empty() {
            out.choice = Choice::Chosen;
            out.chosen = self.coordinators.clone();
            out.coordinators = self.coordinators.len();
        } else {
            if out.choice == Choice::Chosen {
                out.choice = Choice::HighestDegree;
                out.chosen.clear();
            }
            out.coordinators = out.coordinators.min(n.saturating_sub(1));
        }
        out
    }
}
