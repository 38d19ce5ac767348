//! Conversation items (messages, tool calls and their outputs, reasoning, ...) and the content
//! parts and annotations inside them.

use serde::{Deserialize, Serialize};

use super::*;

/// Compacts the current context.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CompactionTrigger {}

/// An internal identifier for an item to reference.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ItemReference {
    /// The ID of the item to reference.
    #[serde(default)]
    pub id: String,
}

/// A program the model wrote to call tools programmatically.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProgramItem {
    /// The unique ID of this program item.
    #[serde(default)]
    pub id: String,
    /// The stable call ID of the program item.
    #[serde(default)]
    pub call_id: String,
    /// The JavaScript source executed by programmatic tool calling.
    #[serde(default)]
    pub code: String,
    /// Opaque program replay fingerprint that must be round-tripped.
    #[serde(default)]
    pub fingerprint: String,
}

string_enum! {
    /// Status of a program output.
    pub enum ProgramOutputItemStatus {
        /// `completed`.
        Completed = "completed",
        /// `incomplete`.
        Incomplete = "incomplete",
    }
}

/// The output of a program item.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProgramOutputItem {
    /// The unique ID of this program output item.
    #[serde(default)]
    pub id: String,
    /// The call ID of the program item.
    #[serde(default)]
    pub call_id: String,
    /// The result produced by the program item.
    #[serde(default)]
    pub result: String,
    /// The terminal status of the program output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ProgramOutputItemStatus>,
}

string_enum! {
    /// The status of the file search tool call.
    pub enum FileSearchCallStatus {
        /// `in_progress`.
        InProgress = "in_progress",
        /// `searching`.
        Searching = "searching",
        /// `completed`.
        Completed = "completed",
        /// `incomplete`.
        Incomplete = "incomplete",
        /// `failed`.
        Failed = "failed",
    }
}

/// One result of a file search call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileSearchCallResult {
    /// The unique ID of the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
    /// The text that was retrieved from the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The name of the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// Key/value attributes of the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<serde_json::Value>,
    /// The relevance score of the file - a value between 0 and 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The vector store the result came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vector_store_id: Option<String>,
}

/// The results of a file search tool call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileSearchCall {
    /// The unique ID of the file search tool call.
    #[serde(default)]
    pub id: String,
    /// The status of the file search tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<FileSearchCallStatus>,
    /// The queries used to search for files.
    #[serde(default)]
    pub queries: Vec<String>,
    /// The results of the file search tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<Vec<FileSearchCallResult>>,
}

string_enum! {
    /// The mouse button of a click action.
    pub enum ClickButtonType {
        /// `left`.
        Left = "left",
        /// `right`.
        Right = "right",
        /// `wheel`.
        Wheel = "wheel",
        /// `back`.
        Back = "back",
        /// `forward`.
        Forward = "forward",
    }
}

/// A click action.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClickAction {
    /// Indicates which mouse button was pressed during the click.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub button: Option<ClickButtonType>,
    /// The x-coordinate where the click occurred.
    #[serde(default)]
    pub x: i64,
    /// The y-coordinate where the click occurred.
    #[serde(default)]
    pub y: i64,
    /// The keys being held while clicking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<Vec<String>>,
}

/// A double click action.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DoubleClickAction {
    /// The x-coordinate where the double click occurred.
    #[serde(default)]
    pub x: i64,
    /// The y-coordinate where the double click occurred.
    #[serde(default)]
    pub y: i64,
    /// The keys being held while double-clicking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<Vec<String>>,
}

/// An x/y coordinate pair, e.g.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Coordinate {
    /// The x-coordinate.
    #[serde(default)]
    pub x: i64,
    /// The y-coordinate.
    #[serde(default)]
    pub y: i64,
}

/// A drag action.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DragAction {
    /// An array of coordinates representing the path of the drag action.
    #[serde(default)]
    pub path: Vec<Coordinate>,
    /// The keys being held while dragging the mouse.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<Vec<String>>,
}

/// A collection of keypresses the model would like to perform.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KeyPressAction {
    /// The combination of keys the model is requesting to be pressed.
    #[serde(default)]
    pub keys: Vec<String>,
}

/// A mouse move action.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MoveAction {
    /// The x-coordinate to move to.
    #[serde(default)]
    pub x: i64,
    /// The y-coordinate to move to.
    #[serde(default)]
    pub y: i64,
    /// The keys being held while moving the mouse.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<Vec<String>>,
}

/// A screenshot action.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScreenshotAction {}

/// A scroll action.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScrollAction {
    /// The x-coordinate where the scroll occurred.
    #[serde(default)]
    pub x: i64,
    /// The y-coordinate where the scroll occurred.
    #[serde(default)]
    pub y: i64,
    /// The horizontal scroll distance.
    #[serde(default)]
    pub scroll_x: i64,
    /// The vertical scroll distance.
    #[serde(default)]
    pub scroll_y: i64,
    /// The keys being held while scrolling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<Vec<String>>,
}

/// An action to type in text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TypeAction {
    /// The text to type.
    #[serde(default)]
    pub text: String,
}

/// A wait action.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WaitAction {}

tagged_enum! {
    /// ComputerAction.
    pub enum ComputerAction {
        /// `click`.
        Click(ClickAction) = "click",
        /// `double_click`.
        DoubleClick(DoubleClickAction) = "double_click",
        /// `drag`.
        Drag(DragAction) = "drag",
        /// `keypress`.
        Keypress(KeyPressAction) = "keypress",
        /// `move`.
        Move(MoveAction) = "move",
        /// `screenshot`.
        Screenshot(ScreenshotAction) = "screenshot",
        /// `scroll`.
        Scroll(ScrollAction) = "scroll",
        /// `type`.
        Type(TypeAction) = "type",
        /// `wait`.
        Wait(WaitAction) = "wait",
    }
}

/// A pending safety check for the computer call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SafetyCheck {
    /// The ID of the pending safety check.
    #[serde(default)]
    pub id: String,
    /// The type of the pending safety check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Details about the pending safety check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

string_enum! {
    /// Status of an item.
    pub enum ItemStatus {
        /// `in_progress`.
        InProgress = "in_progress",
        /// `completed`.
        Completed = "completed",
        /// `incomplete`.
        Incomplete = "incomplete",
    }
}

/// A tool call to a computer use tool.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ComputerCall {
    /// The unique ID of the computer call.
    #[serde(default)]
    pub id: String,
    /// An identifier used when responding to the tool call with output.
    #[serde(default)]
    pub call_id: String,
    /// The action to perform (older models send one `action`; newer ones a list in `actions`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<ComputerAction>,
    /// Flattened batched actions for `computer_use`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<ComputerAction>>,
    /// The pending safety checks for the computer call.
    #[serde(default)]
    pub pending_safety_checks: Vec<SafetyCheck>,
    /// The status of the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ItemStatus>,
}

/// A computer screenshot image used with the computer use tool.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ComputerScreenshotImage {
    /// Always `computer_screenshot`; the wire field is `type`.
    #[serde(rename = "type", default = "kind_computer_screenshot")]
    pub kind: String,
    /// The URL of the screenshot image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// The identifier of an uploaded file that contains the screenshot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
}

impl Default for ComputerScreenshotImage {
    fn default() -> Self {
        Self {
            kind: kind_computer_screenshot(),
            image_url: Default::default(),
            file_id: Default::default(),
        }
    }
}

fn kind_computer_screenshot() -> String {
    "computer_screenshot".to_owned()
}

/// The output of a computer tool call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ComputerCallOutput {
    /// The ID of the computer tool call output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The ID of the computer tool call that produced the output.
    #[serde(default)]
    pub call_id: String,
    /// A computer screenshot image used with the computer use tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<ComputerScreenshotImage>,
    /// The safety checks reported by the API that have been acknowledged by the developer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged_safety_checks: Option<Vec<SafetyCheck>>,
    /// The status of the message input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ItemStatus>,
    /// The identifier of the actor that created the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

string_enum! {
    /// The status of the web search tool call.
    pub enum WebSearchCallStatus {
        /// `in_progress`.
        InProgress = "in_progress",
        /// `searching`.
        Searching = "searching",
        /// `completed`.
        Completed = "completed",
        /// `failed`.
        Failed = "failed",
    }
}

/// A source used in the search.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebSearchActionSearchSource {
    /// The kind of source: `url` (a web page) or `api` (a data provider); the wire field is
    /// `type`.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "type")]
    pub kind: Option<String>,
    /// The URL of the source (`url` sources).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The name of the data provider (`api` sources).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Action type "search" - Performs a web search query.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebSearchActionSearch {
    /// The search query.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The search queries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queries: Option<Vec<String>>,
    /// The sources used in the search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<WebSearchActionSearchSource>>,
}

/// Action type "open_page" - Opens a specific URL from search results.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebSearchActionOpenPage {
    /// The URL opened by the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Action type "find_in_page": Searches for a pattern within a loaded page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebSearchActionFind {
    /// The URL of the page searched for the pattern.
    #[serde(default)]
    pub url: String,
    /// The pattern or text to search for within the page.
    #[serde(default)]
    pub pattern: String,
}

tagged_enum! {
    /// An object describing the specific action taken in this web search call.
    pub enum WebSearchCallAction {
        /// `search`.
        Search(WebSearchActionSearch) = "search",
        /// `open_page`.
        OpenPage(WebSearchActionOpenPage) = "open_page",
        /// `find_in_page`.
        FindInPage(WebSearchActionFind) = "find_in_page",
    }
}

/// The results of a web search tool call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebSearchCall {
    /// The unique ID of the web search tool call.
    #[serde(default)]
    pub id: String,
    /// The status of the web search tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<WebSearchCallStatus>,
    /// An object describing the specific action taken in this web search call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<WebSearchCallAction>,
}

/// A tool call made directly by the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DirectToolCallCaller {}

/// A tool call made by a program item.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProgramToolCallCaller {
    /// The call ID of the program item that produced this tool call.
    #[serde(default)]
    pub caller_id: String,
}

tagged_enum! {
    /// The execution context that produced this tool call.
    pub enum ToolCallCaller {
        /// `direct`.
        Direct(DirectToolCallCaller) = "direct",
        /// `program`.
        Program(ProgramToolCallCaller) = "program",
    }
}

/// A tool call to run a function.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionCall {
    /// The unique ID of the function tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The unique ID of the function tool call generated by the model.
    #[serde(default)]
    pub call_id: String,
    /// The execution context that produced this tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<ToolCallCaller>,
    /// The namespace of the function to run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The name of the function to run.
    #[serde(default)]
    pub name: String,
    /// A JSON string of the arguments to pass to the function.
    #[serde(default)]
    pub arguments: String,
    /// The status of the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ItemStatus>,
    /// The identifier of the actor that created the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

/// The output of a function tool call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionCallOutput {
    /// The unique ID of the function tool call output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The unique ID of the function tool call generated by the model.
    #[serde(default)]
    pub call_id: String,
    /// Text, image, or file output of the function tool call.
    #[serde(default)]
    pub output: ToolOutput,
    /// The name of the tool that produced the output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The namespace of the tool that produced the output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The execution context that produced this tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<ToolCallCaller>,
    /// The status of the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ItemStatus>,
    /// The identifier of the actor that created the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

string_enum! {
    /// Where a tool search runs.
    pub enum ToolSearchExecutionType {
        /// `server`.
        Server = "server",
        /// `client`.
        Client = "client",
    }
}

/// A tool search performed by the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolSearchCall {
    /// The unique ID of this tool search call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The unique ID of the tool search call generated by the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_id: Option<String>,
    /// Whether tool search was executed by the server or by the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution: Option<ToolSearchExecutionType>,
    /// The arguments supplied to the tool search call.
    #[serde(default)]
    pub arguments: serde_json::Value,
    /// The status of the tool search call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ItemStatus>,
    /// The identifier of the actor that created the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

/// The tools found by a tool search.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolSearchOutput {
    /// The unique ID of this tool search output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The unique ID of the tool search call generated by the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_id: Option<String>,
    /// Whether tool search was executed by the server or by the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution: Option<ToolSearchExecutionType>,
    /// The loaded tool definitions returned by the tool search output.
    #[serde(default)]
    pub tools: Vec<Tool>,
    /// The status of the tool search output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ItemStatus>,
    /// The identifier of the actor that created the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

string_enum! {
    /// The role that provided the additional tools.
    pub enum AdditionalToolsItemRole {
        /// `developer`.
        Developer = "developer",
    }
}

/// Tools added to the conversation after it started.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdditionalToolsItem {
    /// The unique ID of this additional tools item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The role that provided the additional tools.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<AdditionalToolsItemRole>,
    /// A list of additional tools made available at this item.
    #[serde(default)]
    pub tools: Vec<Tool>,
}

/// A summary text from the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SummaryText {
    /// A summary of the reasoning output from the model so far.
    #[serde(default)]
    pub text: String,
}

/// Reasoning text from the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReasoningText {
    /// The reasoning text from the model.
    #[serde(default)]
    pub text: String,
}

/// A description of the chain of thought used by a reasoning model while generating a response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReasoningItem {
    /// The unique identifier of the reasoning content.
    #[serde(default)]
    pub id: String,
    /// The encrypted content of the reasoning item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted_content: Option<String>,
    /// Reasoning summary content.
    #[serde(default)]
    pub summary: Vec<ContentPart>,
    /// Reasoning text content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Vec<ContentPart>>,
    /// The status of the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ItemStatus>,
}

/// A compaction item generated by the `v1/responses/compact` API.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CompactionItem {
    /// The ID of the compaction item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The encrypted content of the compaction summary.
    #[serde(default)]
    pub encrypted_content: String,
    /// The identifier of the actor that created the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

string_enum! {
    /// The status of the image generation call.
    pub enum ImageGenerationCallStatus {
        /// `in_progress`.
        InProgress = "in_progress",
        /// `completed`.
        Completed = "completed",
        /// `generating`.
        Generating = "generating",
        /// `failed`.
        Failed = "failed",
    }
}

/// An image generation request made by the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageGenerationCall {
    /// The unique ID of the image generation call.
    #[serde(default)]
    pub id: String,
    /// The status of the image generation call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ImageGenerationCallStatus>,
    /// The generated image encoded in base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// The prompt after the model revised it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised_prompt: Option<String>,
    /// Background of the generated image (`transparent`, `opaque`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<String>,
    /// Image format (`png`, `jpeg`, `webp`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_format: Option<String>,
    /// Image quality (`low`, `medium`, `high`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<String>,
    /// Image size (`1024x1024`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
}

string_enum! {
    /// The status of the code interpreter tool call.
    pub enum CodeInterpreterCallStatus {
        /// `in_progress`.
        InProgress = "in_progress",
        /// `completed`.
        Completed = "completed",
        /// `incomplete`.
        Incomplete = "incomplete",
        /// `interpreting`.
        Interpreting = "interpreting",
        /// `failed`.
        Failed = "failed",
    }
}

/// The logs output from the code interpreter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CodeInterpreterOutputLogs {
    /// The logs output from the code interpreter.
    #[serde(default)]
    pub logs: String,
}

/// The image output from the code interpreter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CodeInterpreterOutputImage {
    /// The URL of the image output from the code interpreter.
    #[serde(default)]
    pub url: String,
}

tagged_enum! {
    /// The `output` of CodeInterpreterCall.
    pub enum CodeInterpreterCallOutput {
        /// `logs`.
        Logs(CodeInterpreterOutputLogs) = "logs",
        /// `image`.
        Image(CodeInterpreterOutputImage) = "image",
    }
}

/// A tool call to run code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CodeInterpreterCall {
    /// The unique ID of the code interpreter tool call.
    #[serde(default)]
    pub id: String,
    /// The status of the code interpreter tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CodeInterpreterCallStatus>,
    /// The ID of the container used to run the code.
    #[serde(default)]
    pub container_id: String,
    /// The code to run, or null if not available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The outputs generated by the code interpreter, such as logs or images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outputs: Option<Vec<CodeInterpreterCallOutput>>,
}

/// Execute a shell command on the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LocalShellExecAction {
    /// Always `exec`; the wire field is `type`.
    #[serde(rename = "type", default = "kind_exec")]
    pub kind: String,
    /// The command to run.
    #[serde(default)]
    pub command: Vec<String>,
    /// Optional timeout in milliseconds for the command.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<u64>,
    /// Optional working directory to run the command in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_directory: Option<String>,
    /// Environment variables to set for the command.
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    /// Optional user to run the command as.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
}

impl Default for LocalShellExecAction {
    fn default() -> Self {
        Self {
            kind: kind_exec(),
            command: Default::default(),
            timeout_ms: Default::default(),
            working_directory: Default::default(),
            env: Default::default(),
            user: Default::default(),
        }
    }
}

fn kind_exec() -> String {
    "exec".to_owned()
}

/// A tool call to run a command on the local shell.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LocalShellCall {
    /// The unique ID of the local shell call.
    #[serde(default)]
    pub id: String,
    /// The unique ID of the local shell tool call generated by the model.
    #[serde(default)]
    pub call_id: String,
    /// Execute a shell command on the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<LocalShellExecAction>,
    /// The status of the local shell call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ItemStatus>,
}

/// The output of a local shell tool call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LocalShellCallOutput {
    /// The unique ID of the local shell tool call generated by the model.
    #[serde(default)]
    pub id: String,
    /// A JSON string of the output of the local shell tool call.
    #[serde(default)]
    pub output: String,
    /// The status of the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ItemStatus>,
}

/// Commands and limits describing how to run the shell tool call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShellAction {
    /// Ordered shell commands for the execution environment to run.
    #[serde(default)]
    pub commands: Vec<String>,
    /// Maximum wall-clock time in milliseconds to allow the shell commands to run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<u64>,
    /// Maximum number of UTF-8 characters to capture from combined stdout and stderr output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_output_length: Option<u64>,
}

/// A skill available in a local shell environment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LocalSkill {
    /// The name of the skill.
    #[serde(default)]
    pub name: String,
    /// The description of the skill.
    #[serde(default)]
    pub description: String,
    /// The path to the directory containing the skill.
    #[serde(default)]
    pub path: String,
}

/// A shell environment on the caller's machine.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LocalEnvironment {
    /// An optional list of skills.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skills: Option<Vec<LocalSkill>>,
}

/// A shell environment in an existing container.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContainerReference {
    /// The ID of the referenced container.
    #[serde(default)]
    pub container_id: String,
}

tagged_enum! {
    /// The environment to execute the shell commands in.
    pub enum ShellCallEnvironment {
        /// `local`.
        Local(LocalEnvironment) = "local",
        /// `container_reference`.
        ContainerReference(ContainerReference) = "container_reference",
    }
}

/// A tool representing a request to execute one or more shell commands.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShellCall {
    /// The unique ID of the shell tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The unique ID of the shell tool call generated by the model.
    #[serde(default)]
    pub call_id: String,
    /// The execution context that produced this tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<ToolCallCaller>,
    /// The shell commands and limits that describe how to run the tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<ShellAction>,
    /// The status of the shell call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ItemStatus>,
    /// The environment to execute the shell commands in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<ShellCallEnvironment>,
    /// The ID of the entity that created this tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

/// The streamed output items emitted by a shell tool call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShellCallOutput {
    /// The unique ID of the shell tool call output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The unique ID of the shell tool call generated by the model.
    #[serde(default)]
    pub call_id: String,
    /// The execution context that produced this tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<ToolCallCaller>,
    /// Captured chunks of stdout and stderr output, along with their associated outcomes.
    #[serde(default)]
    pub output: Vec<ShellCallOutputContent>,
    /// The status of the shell call output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ItemStatus>,
    /// The maximum number of UTF-8 characters captured for this shell call's combined output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_output_length: Option<u64>,
    /// The identifier of the actor that created the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

string_enum! {
    /// Status values reported for apply_patch tool calls.
    pub enum ApplyPatchCallStatus {
        /// `in_progress`.
        InProgress = "in_progress",
        /// `completed`.
        Completed = "completed",
    }
}

/// Instruction for creating a new file via the apply_patch tool.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApplyPatchCreateFile {
    /// Path of the file to create relative to the workspace root.
    #[serde(default)]
    pub path: String,
    /// Unified diff content to apply when creating the file.
    #[serde(default)]
    pub diff: String,
}

/// Instruction for deleting an existing file via the apply_patch tool.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApplyPatchDeleteFile {
    /// Path of the file to delete relative to the workspace root.
    #[serde(default)]
    pub path: String,
}

/// Instruction for updating an existing file via the apply_patch tool.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApplyPatchUpdateFile {
    /// Path of the file to update relative to the workspace root.
    #[serde(default)]
    pub path: String,
    /// Unified diff content to apply to the existing file.
    #[serde(default)]
    pub diff: String,
}

tagged_enum! {
    /// One of the create_file, delete_file, or update_file operations supplied to the apply_patch tool.
    pub enum ApplyPatchOperation {
        /// `create_file`.
        CreateFile(ApplyPatchCreateFile) = "create_file",
        /// `delete_file`.
        DeleteFile(ApplyPatchDeleteFile) = "delete_file",
        /// `update_file`.
        UpdateFile(ApplyPatchUpdateFile) = "update_file",
    }
}

/// A tool call representing a request to create, delete, or update files using diff patches.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApplyPatchCall {
    /// The unique ID of the apply patch tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The unique ID of the apply patch tool call generated by the model.
    #[serde(default)]
    pub call_id: String,
    /// The execution context that produced this tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<ToolCallCaller>,
    /// The status of the apply patch tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ApplyPatchCallStatus>,
    /// The specific create, delete, or update instruction for the apply_patch tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<ApplyPatchOperation>,
    /// The ID of the entity that created this tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

string_enum! {
    /// Outcome values reported for apply_patch tool call outputs.
    pub enum ApplyPatchCallOutputStatus {
        /// `completed`.
        Completed = "completed",
        /// `failed`.
        Failed = "failed",
    }
}

/// The streamed output emitted by an apply patch tool call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApplyPatchCallOutput {
    /// The unique ID of the apply patch tool call output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The unique ID of the apply patch tool call generated by the model.
    #[serde(default)]
    pub call_id: String,
    /// The execution context that produced this tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<ToolCallCaller>,
    /// The status of the apply patch tool call output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ApplyPatchCallOutputStatus>,
    /// Optional human-readable log text from the apply patch tool (e.g., patch results or errors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// The ID of the entity that created this tool call output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

/// A tool available on an MCP server.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct McpToolInfo {
    /// The name of the tool.
    #[serde(default)]
    pub name: String,
    /// The description of the tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The JSON schema describing the tool's input.
    #[serde(default)]
    pub input_schema: serde_json::Value,
    /// Additional annotations about the tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<serde_json::Value>,
}

/// A list of tools available on an MCP server.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct McpListTools {
    /// The unique ID of the list.
    #[serde(default)]
    pub id: String,
    /// The label of the MCP server.
    #[serde(default)]
    pub server_label: String,
    /// The tools available on the server.
    #[serde(default)]
    pub tools: Vec<McpToolInfo>,
    /// Error message if the server could not list tools.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A request for human approval of a tool invocation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct McpApprovalRequest {
    /// The unique ID of the approval request.
    #[serde(default)]
    pub id: String,
    /// The label of the MCP server making the request.
    #[serde(default)]
    pub server_label: String,
    /// The name of the tool to run.
    #[serde(default)]
    pub name: String,
    /// A JSON string of arguments for the tool.
    #[serde(default)]
    pub arguments: String,
}

/// A response to an MCP approval request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct McpApprovalResponse {
    /// The unique ID of the approval response
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The ID of the approval request being answered.
    #[serde(default)]
    pub approval_request_id: String,
    /// Whether the request was approved.
    #[serde(default)]
    pub approve: bool,
    /// Optional reason for the decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// An MCP protocol error.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct McpProtocolError {
    /// Error code.
    #[serde(default)]
    pub code: u64,
    /// Error message.
    #[serde(default)]
    pub message: String,
}

/// An error raised by the MCP tool itself.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct McpToolExecutionError {
    /// The content the tool returned with its error.
    #[serde(default)]
    pub content: serde_json::Value,
}

/// An HTTP error from the MCP server.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct McpHttpError {
    /// HTTP status code.
    #[serde(default)]
    pub code: u64,
    /// Error message.
    #[serde(default)]
    pub message: String,
}

tagged_enum! {
    /// McpCallError.
    pub enum McpCallError {
        /// `mcp_protocol_error`.
        McpProtocolError(McpProtocolError) = "mcp_protocol_error",
        /// `mcp_tool_execution_error`.
        McpToolExecutionError(McpToolExecutionError) = "mcp_tool_execution_error",
        /// `http_error`.
        HttpError(McpHttpError) = "http_error",
    }
}

string_enum! {
    /// Status of an MCP tool call.
    pub enum McpCallStatus {
        /// `in_progress`.
        InProgress = "in_progress",
        /// `completed`.
        Completed = "completed",
        /// `incomplete`.
        Incomplete = "incomplete",
        /// `calling`.
        Calling = "calling",
        /// `failed`.
        Failed = "failed",
    }
}

/// An invocation of a tool on an MCP server.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct McpCall {
    /// The unique ID of the tool call.
    #[serde(default)]
    pub id: String,
    /// The label of the MCP server running the tool.
    #[serde(default)]
    pub server_label: String,
    /// The name of the tool that was run.
    #[serde(default)]
    pub name: String,
    /// A JSON string of the arguments passed to the tool.
    #[serde(default)]
    pub arguments: String,
    /// The output from the tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// The error from the tool call, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<McpCallError>,
    /// The status of the tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<McpCallStatus>,
    /// Unique identifier for the MCP tool call approval request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_request_id: Option<String>,
}

/// The output of a custom tool call from your code, being sent back to the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomToolCallOutput {
    /// The unique ID of the custom tool call output in the OpenAI platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The call ID, used to map this custom tool call output to a custom tool call.
    #[serde(default)]
    pub call_id: String,
    /// The execution context that produced this tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<ToolCallCaller>,
    /// The output from the custom tool call generated by your code.
    #[serde(default)]
    pub output: ToolOutput,
    /// The status of the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ItemStatus>,
    /// The identifier of the actor that created the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

/// A call to a custom tool created by the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomToolCall {
    /// The unique ID of the custom tool call in the OpenAI platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// An identifier used to map this custom tool call to a tool call output.
    #[serde(default)]
    pub call_id: String,
    /// The execution context that produced this tool call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<ToolCallCaller>,
    /// The namespace of the custom tool being called.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The name of the custom tool being called.
    #[serde(default)]
    pub name: String,
    /// The input for the custom tool call generated by the model.
    #[serde(default)]
    pub input: String,
    /// The status of the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ItemStatus>,
    /// The identifier of the actor that created the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

tagged_enum! {
    /// An item of a conversation: input, output or stored.
    pub enum Item {
        /// A message from the user, system, developer or assistant (`message`).
        Message(Message) = "message",
        /// Asks the service to compact the context at this point (`compaction_trigger`).
        CompactionTrigger(CompactionTrigger) = "compaction_trigger",
        /// A reference to a stored item, by id (`item_reference`).
        ItemReference(ItemReference) = "item_reference",
        /// A program the model wrote to call tools (`program`).
        Program(ProgramItem) = "program",
        /// The output of a program (`program_output`).
        ProgramOutput(ProgramOutputItem) = "program_output",
        /// A file search performed by the model (`file_search_call`).
        FileSearchCall(FileSearchCall) = "file_search_call",
        /// A computer use action requested by the model (`computer_call`).
        ComputerCall(ComputerCall) = "computer_call",
        /// The screenshot answering a computer call (`computer_call_output`).
        ComputerCallOutput(ComputerCallOutput) = "computer_call_output",
        /// A web search performed by the model (`web_search_call`).
        WebSearchCall(WebSearchCall) = "web_search_call",
        /// A call of one of your functions (`function_call`).
        FunctionCall(FunctionCall) = "function_call",
        /// Your function's result (`function_call_output`).
        FunctionCallOutput(FunctionCallOutput) = "function_call_output",
        /// A tool search performed by the model (`tool_search_call`).
        ToolSearchCall(ToolSearchCall) = "tool_search_call",
        /// The tools a tool search found (`tool_search_output`).
        ToolSearchOutput(ToolSearchOutput) = "tool_search_output",
        /// Tools added to the conversation (`additional_tools`).
        AdditionalTools(AdditionalToolsItem) = "additional_tools",
        /// The model's reasoning (summary, content, encrypted content) (`reasoning`).
        Reasoning(ReasoningItem) = "reasoning",
        /// A compacted summary of earlier items (`compaction`).
        Compaction(CompactionItem) = "compaction",
        /// An image generated by the model (`image_generation_call`).
        ImageGenerationCall(ImageGenerationCall) = "image_generation_call",
        /// Code run by the code interpreter (`code_interpreter_call`).
        CodeInterpreterCall(CodeInterpreterCall) = "code_interpreter_call",
        /// A command to run in your local shell (`local_shell_call`).
        LocalShellCall(LocalShellCall) = "local_shell_call",
        /// The output of a local shell command (`local_shell_call_output`).
        LocalShellCallOutput(LocalShellCallOutput) = "local_shell_call_output",
        /// Commands to run with the shell tool (`shell_call`).
        ShellCall(ShellCall) = "shell_call",
        /// The output of shell tool commands (`shell_call_output`).
        ShellCallOutput(ShellCallOutput) = "shell_call_output",
        /// A file patch to apply (`apply_patch_call`).
        ApplyPatchCall(ApplyPatchCall) = "apply_patch_call",
        /// The result of applying a patch (`apply_patch_call_output`).
        ApplyPatchCallOutput(ApplyPatchCallOutput) = "apply_patch_call_output",
        /// The tools an MCP server offers (`mcp_list_tools`).
        McpListTools(McpListTools) = "mcp_list_tools",
        /// A request for approval before an MCP tool call (`mcp_approval_request`).
        McpApprovalRequest(McpApprovalRequest) = "mcp_approval_request",
        /// Your answer to an MCP approval request (`mcp_approval_response`).
        McpApprovalResponse(McpApprovalResponse) = "mcp_approval_response",
        /// A call of a tool on an MCP server (`mcp_call`).
        McpCall(McpCall) = "mcp_call",
        /// Your custom tool's result (`custom_tool_call_output`).
        CustomToolCallOutput(CustomToolCallOutput) = "custom_tool_call_output",
        /// A call of one of your custom tools (`custom_tool_call`).
        CustomToolCall(CustomToolCall) = "custom_tool_call",
    }
}

string_enum! {
    /// The breakpoint mode.
    pub enum PromptCacheBreakpointConfigMode {
        /// `explicit`.
        Explicit = "explicit",
    }
}

/// Marks the exact end of a reusable prompt prefix.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PromptCacheBreakpointConfig {
    /// The breakpoint mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<PromptCacheBreakpointConfigMode>,
}

/// A text input to the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InputText {
    /// The text input to the model.
    #[serde(default)]
    pub text: String,
    /// Marks the exact end of a reusable prompt prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_cache_breakpoint: Option<PromptCacheBreakpointConfig>,
}

/// An image input to the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InputImage {
    /// The URL of the image to be sent to the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// The ID of the file to be sent to the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
    /// The detail level of the image to be sent to the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<ImageDetail>,
    /// Marks the exact end of a reusable prompt prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_cache_breakpoint: Option<PromptCacheBreakpointConfig>,
}

string_enum! {
    /// Detail level of a file input.
    pub enum FileInputDetail {
        /// `auto`.
        Auto = "auto",
        /// `low`.
        Low = "low",
        /// `high`.
        High = "high",
    }
}

/// A file input to the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InputFile {
    /// The ID of the file to be sent to the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
    /// The name of the file to be sent to the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// The content of the file to be sent to the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_data: Option<String>,
    /// Marks the exact end of a reusable prompt prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_cache_breakpoint: Option<PromptCacheBreakpointConfig>,
    /// The URL of the file to be sent to the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_url: Option<String>,
    /// The detail level of the file to be sent to the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<FileInputDetail>,
}

string_enum! {
    /// The format of the audio data.
    pub enum InputAudioFormat {
        /// `mp3`.
        Mp3 = "mp3",
        /// `wav`.
        Wav = "wav",
    }
}

/// Base64 audio data and its format.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InputAudioData {
    /// Base64-encoded audio data.
    #[serde(default)]
    pub data: String,
    /// The format of the audio data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<InputAudioFormat>,
}

/// An audio input to the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InputAudioPart {
    /// The audio data and its format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_audio: Option<InputAudioData>,
}

/// A citation to a file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileCitation {
    /// The ID of the file.
    #[serde(default)]
    pub file_id: String,
    /// The index of the file in the list of files.
    #[serde(default)]
    pub index: u64,
    /// The filename of the file cited.
    #[serde(default)]
    pub filename: String,
}

/// A citation for a web resource used to generate a model response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UrlCitation {
    /// The URL of the web resource.
    #[serde(default)]
    pub url: String,
    /// The index of the first character of the URL citation in the message.
    #[serde(default)]
    pub start_index: u64,
    /// The index of the last character of the URL citation in the message.
    #[serde(default)]
    pub end_index: u64,
    /// The title of the web resource.
    #[serde(default)]
    pub title: String,
}

/// A citation for a container file used to generate a model response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContainerFileCitation {
    /// The ID of the container file.
    #[serde(default)]
    pub container_id: String,
    /// The ID of the file.
    #[serde(default)]
    pub file_id: String,
    /// The index of the first character of the container file citation in the message.
    #[serde(default)]
    pub start_index: u64,
    /// The index of the last character of the container file citation in the message.
    #[serde(default)]
    pub end_index: u64,
    /// The filename of the container file cited.
    #[serde(default)]
    pub filename: String,
}

/// A path to a file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FilePathAnnotation {
    /// The ID of the file.
    #[serde(default)]
    pub file_id: String,
    /// The index of the file in the list of files.
    #[serde(default)]
    pub index: u64,
}

tagged_enum! {
    /// An annotation that applies to a span of output text.
    pub enum Annotation {
        /// A citation of an uploaded file (`file_citation`).
        FileCitation(FileCitation) = "file_citation",
        /// A citation of a web page (`url_citation`).
        UrlCitation(UrlCitation) = "url_citation",
        /// A citation of a file in a code interpreter container (`container_file_citation`).
        ContainerFileCitation(ContainerFileCitation) = "container_file_citation",
        /// A path to a generated file (`file_path`).
        FilePath(FilePathAnnotation) = "file_path",
    }
}

/// The top log probability of a token.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TopLogProb {
    /// The token.
    #[serde(default)]
    pub token: String,
    /// Its log probability.
    #[serde(default)]
    pub logprob: f64,
    /// Its UTF-8 bytes.
    #[serde(default)]
    pub bytes: Vec<u64>,
}

/// The log probability of a token.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LogProb {
    /// The token.
    #[serde(default)]
    pub token: String,
    /// Its log probability.
    #[serde(default)]
    pub logprob: f64,
    /// Its UTF-8 bytes.
    #[serde(default)]
    pub bytes: Vec<u64>,
    /// The most likely tokens at this position.
    #[serde(default)]
    pub top_logprobs: Vec<TopLogProb>,
}

/// A text output from the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OutputText {
    /// The text output from the model.
    #[serde(default)]
    pub text: String,
    /// The annotations of the text output.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Log probabilities of the output tokens (with `include: ["message.output_text.logprobs"]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logprobs: Option<Vec<LogProb>>,
}

/// A refusal from the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Refusal {
    /// The refusal explanation from the model.
    #[serde(default)]
    pub refusal: String,
}

/// A text content.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TextPart {
    /// The text.
    #[serde(default)]
    pub text: String,
}

/// A screenshot of a computer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ComputerScreenshot {
    /// The URL of the screenshot image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// The identifier of an uploaded file that contains the screenshot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
    /// The detail level of the screenshot image to be sent to the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<ImageDetail>,
    /// Marks the exact end of a reusable prompt prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_cache_breakpoint: Option<PromptCacheBreakpointConfig>,
}

tagged_enum! {
    /// One part of a message content.
    pub enum ContentPart {
        /// Text input (`input_text`).
        InputText(InputText) = "input_text",
        /// An image input (`input_image`).
        InputImage(InputImage) = "input_image",
        /// A file input (`input_file`).
        InputFile(InputFile) = "input_file",
        /// Audio input (`input_audio`).
        InputAudio(InputAudioPart) = "input_audio",
        /// Text generated by the model, with annotations and log probabilities (`output_text`).
        OutputText(OutputText) = "output_text",
        /// The model's refusal (`refusal`).
        Refusal(Refusal) = "refusal",
        /// Plain text (stored items) (`text`).
        Text(TextPart) = "text",
        /// A reasoning summary (`summary_text`).
        SummaryText(SummaryText) = "summary_text",
        /// Raw reasoning text (`reasoning_text`).
        ReasoningText(ReasoningText) = "reasoning_text",
        /// A computer screenshot (`computer_screenshot`).
        ComputerScreenshot(ComputerScreenshot) = "computer_screenshot",
    }
}
