<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>Banner</name>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="51"/>
        <source>Try the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="52"/>
        <source>Opens mjdesk --demo in a new window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="76"/>
        <source>No EvoLink API key yet, and {problem}. Set MJDESK_API_KEY before starting mjdesk, or paste the key in Settings for this session only. Or try the demo: everything works offline with simulated results.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="82"/>
        <source>No EvoLink API key yet. Add one in Settings: it is kept in your system&apos;s keyring, never in a file. Or try the demo: everything works offline with simulated results.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="86"/>
        <source>Add key…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Client</name>
    <message>
        <location filename="../../mjdesk/api/client.py" line="53"/>
        <source>No API key is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/client.py" line="56"/>
        <source>The API key contains spaces, line breaks or non-ASCII characters; paste it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/client.py" line="162"/>
        <source>The request was sent but its answer was lost ({detail}); the task may exist and be billed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/client.py" line="171"/>
        <source>The server&apos;s answer was too large to read; the task may exist and be billed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/client.py" line="183"/>
        <source>The server accepted the request but its answer had no task id; the task may exist and be billed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/client.py" line="201"/>
        <source>The server answered {status} after receiving the request ({message}); the task may exist and be billed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/client.py" line="215"/>
        <source>Invalid task id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/client.py" line="222"/>
        <source>Unexpected task answer: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/client.py" line="231"/>
        <source>Unexpected credits answer: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/files.py" line="84"/>
        <source>Unexpected upload answer: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/files.py" line="92"/>
        <source>Unexpected quota answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/files.py" line="101"/>
        <source>Unexpected file list answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/downloads.py" line="79"/>
        <source>The download took too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/evolink.py" line="128"/>
        <source>Unknown model {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/evolink.py" line="124"/>
        <source>The prompt is longer than 8192 characters</source>
        <extracomment>The endings an image prompt URL must have.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/evolink.py" line="134"/>
        <source>Unknown speed {speed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/evolink.py" line="139"/>
        <source>Unknown quality {quality}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/evolink.py" line="143"/>
        <source>HD quality cannot be combined with Draft speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/evolink.py" line="146"/>
        <source>The prompt is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/evolink.py" line="153"/>
        <source>Image prompt URLs must end in .png, .gif, .webp, .jpg or .jpeg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/evolink.py" line="158"/>
        <source>One image prompt needs some text (or add a second image)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/evolink.py" line="163"/>
        <source>Draft speed cannot use image prompts or references</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/files.py" line="110"/>
        <source>The file is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/files.py" line="113"/>
        <location filename="../../mjdesk/api/files.py" line="143"/>
        <location filename="../../mjdesk/api/files.py" line="151"/>
        <source>The file is larger than {detail} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/files.py" line="119"/>
        <source>Not a PNG, JPEG, GIF or WebP image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/files.py" line="123"/>
        <source>The image is damaged (its header cannot be read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/transport.py" line="116"/>
        <source>Refusing to send the API key to another host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/transport.py" line="142"/>
        <source>The server&apos;s answer is larger than 1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/transport.py" line="150"/>
        <source>The server&apos;s certificate could not be verified (a proxy or antivirus may be intercepting the connection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/transport.py" line="167"/>
        <source>The server did not answer in time ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/transport.py" line="173"/>
        <source>Cannot reach the server ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/transport.py" line="176"/>
        <source>The connection to the server broke ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/transport.py" line="231"/>
        <source>The server answered with something that is not JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/downloads.py" line="117"/>
        <source>A redirect without a location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/downloads.py" line="122"/>
        <source>Refusing a redirect from https to http</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/downloads.py" line="128"/>
        <source>The result link has expired or was removed (HTTP {status})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/downloads.py" line="139"/>
        <source>Cannot reach the image host ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/downloads.py" line="145"/>
        <source>The image download broke off ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/downloads.py" line="149"/>
        <source>Too many redirects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/downloads.py" line="157"/>
        <location filename="../../mjdesk/api/downloads.py" line="174"/>
        <source>The image is larger than {detail} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/downloads.py" line="181"/>
        <location filename="../../mjdesk/api/downloads.py" line="185"/>
        <source>The result is not an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/downloads.py" line="187"/>
        <source>The image download was truncated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/files.py" line="135"/>
        <source>Cannot open the file ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/files.py" line="140"/>
        <source>Not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionService</name>
    <message>
        <location filename="../../mjdesk/services/connection.py" line="136"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/services/connection.py" line="149"/>
        <location filename="../../mjdesk/services/connection.py" line="172"/>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/services/connection.py" line="187"/>
        <source>The key works</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/services/connection.py" line="189"/>
        <source>The key works: {amount} credits left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/services/connection.py" line="200"/>
        <source>Key saved for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/services/connection.py" line="207"/>
        <source>Key saved in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/services/connection.py" line="213"/>
        <source>{problem}. Use MJDESK_API_KEY or keep it for this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/services/connection.py" line="231"/>
        <source>No API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/services/connection.py" line="243"/>
        <source>The keyring did not answer within 5 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/services/connection.py" line="272"/>
        <source>Settings could not be saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/services/connection.py" line="280"/>
        <source>Settings saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CreatePanel</name>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="56"/>
        <source>Prompt</source>
        <extracomment>Above this many tasks, sending asks first.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="67"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="68"/>
        <source>Search your earlier prompts (Ctrl+H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="75"/>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="77"/>
        <location filename="../../mjdesk/ui/create_panel.py" line="174"/>
        <source>Send the prompt (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="82"/>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="86"/>
        <source>Styles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="92"/>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="96"/>
        <source>References</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="150"/>
        <source>Type a prompt, then Ctrl+Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="153"/>
        <source>1 task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="155"/>
        <source>{count} tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="200"/>
        <source>≈ {count} credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="202"/>
        <source>1 cost unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="203"/>
        <source>{count} cost units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="158"/>
        <source>{count} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="163"/>
        <source>1 problem to fix before sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="165"/>
        <source>{count} problems to fix before sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="170"/>
        <source>Add an API key in Settings first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="172"/>
        <source>Fix the prompt&apos;s problems first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="216"/>
        <source>Replaced the set {old} with {new}: Ctrl+Z in the prompt brings it back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="217"/>
        <source>the default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="227"/>
        <source>Fix the prompt&apos;s problems first (they are underlined)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="236"/>
        <source>mjdesk — Send several tasks?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="238"/>
        <source>This prompt makes {tasks} tasks ({units} cost units). Send them all?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="247"/>
        <source>Sent 1 task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="249"/>
        <source>Sent {count} tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="266"/>
        <source>That image carries no mjdesk prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/create_panel.py" line="273"/>
        <source>Prompt and settings restored from the image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Diagnostics</name>
    <message>
        <location filename="../../mjdesk/core/prompt/_analyze.py" line="139"/>
        <source>Text after the parameters is read as part of the prompt text; parameters belong at the end</source>
        <extracomment>Every rule id analyze can report (stable: the GUI and the tests refer to them).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_analyze.py" line="159"/>
        <source>The prompt is {length} characters; the limit is {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="96"/>
        <source>“{dash}{name}” has a typographic dash (autocorrect?); read as --{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="108"/>
        <source>--{name} is not a Midjourney parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="129"/>
        <source>--{name} is given more than once; the last one is used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="172"/>
        <source>--{name} needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="185"/>
        <source>--ar takes a ratio of positive whole numbers such as 16:9, not “{text}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="197"/>
        <source>--ar {ratio} is an extreme ratio; results can be unpredictable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="214"/>
        <source>Style codes may not be accepted on this route; a style reference image URL is safer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="227"/>
        <source>--{name} takes an image URL (drop an image on the reference zone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="239"/>
        <source>This --{name} URL does not end in .png, .gif, .webp, .jpg or .jpeg; EvoLink may refuse it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="252"/>
        <source>--{name} needs a number, not “{text}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="257"/>
        <source>--{name} needs a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="265"/>
        <source>--{name} must be between {lo} and {hi} (it is {text})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="280"/>
        <source>--ow above {limit} tends to overpower the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="293"/>
        <source>--sw only works with a style reference (--sref)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="299"/>
        <source>--ow only works with an omni reference (--oref)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="311"/>
        <source>--iw only works with an image prompt (an image URL at the start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="324"/>
        <source>Only one omni reference (--oref) is allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="335"/>
        <source>More than one speed is typed; the last one is used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="346"/>
        <source>--{name} sets the speed to {mode}; it is not sent in the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_params.py" line="350"/>
        <source>--{name} sets the quality to {mode}; it is not sent in the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_text.py" line="34"/>
        <source>Multi-prompts and weights (::) are not available on the V8.1 route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_text.py" line="46"/>
        <source>This URL is read as text; image prompts must come first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_text.py" line="55"/>
        <source>The prompt is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_text.py" line="65"/>
        <source>Image prompt URLs must end in .png, .gif, .webp, .jpg or .jpeg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_text.py" line="77"/>
        <source>At most {limit} image prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_text.py" line="88"/>
        <source>One image prompt needs some text (or add a second image)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_text.py" line="100"/>
        <source>Style and omni references need a text prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_text.py" line="118"/>
        <source>Draft cannot use image prompts or references: choose Fast or Turbo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_lint_text.py" line="132"/>
        <source>HD cannot be combined with Draft: choose Fast or Turbo, or Standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_analyze.py" line="198"/>
        <source>{message} (in {variants})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_analyze.py" line="202"/>
        <source>{message} (in {variants} and {more} more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_analyze.py" line="224"/>
        <source>variant {number}: the base text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_analyze.py" line="225"/>
        <source>variant {number}: {chosen}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_analyze.py" line="250"/>
        <source>Braces nested too deeply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_analyze.py" line="271"/>
        <source>This prompt makes {count} tasks; at most {limit} can be sent at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_analyze.py" line="276"/>
        <source>This prompt makes too many tasks; at most {limit} can be sent at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_expand.py" line="84"/>
        <source>This {{ is never closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_expand.py" line="97"/>
        <source>This }} has no matching {{</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_params.py" line="61"/>
        <source>--{name} does not set quality on V8.1: use the Quality selector (Standard / HD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_params.py" line="71"/>
        <source>--{name} is not needed: this route always uses Midjourney V8.1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_params.py" line="80"/>
        <source>--{name} is not supported on V8.1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_params.py" line="87"/>
        <source>--{name} is not a V8.1 parameter; for raw mode use --raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/prompt/_params.py" line="95"/>
        <source>--{name} is not available on the V8.1 route</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiagnosticsList</name>
    <message>
        <location filename="../../mjdesk/ui/prompt_editor.py" line="387"/>
        <source>Fix: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Editor</name>
    <message>
        <location filename="../../mjdesk/core/canvas.py" line="153"/>
        <source>The canvas must be {lo}–{hi} px on each side; this one is {w} × {h}</source>
        <extracomment>An area&apos;s (the canvas&apos;s) smallest and largest side, px (third-party docs; cautious). The fewest points of a mask polygon (6 values). Two aspects &quot;match&quot; when they differ by less than this fraction. The zoom-out factors Midjourney&apos;s own editor offers; any factor in (1, 2] is accepted.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/canvas.py" line="157"/>
        <location filename="../../mjdesk/core/canvas.py" line="159"/>
        <source>The image must lie on the canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/canvas.py" line="161"/>
        <source>The image cannot be stretched: keep its proportions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/canvas.py" line="163"/>
        <source>This route needs the canvas at the image&apos;s own proportions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditorWindow</name>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="83"/>
        <source>Edit · {prompt}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="98"/>
        <source>Repaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="98"/>
        <source>Reframe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="98"/>
        <source>Retexture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="118"/>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="130"/>
        <source>Fast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="130"/>
        <source>Turbo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="148"/>
        <source>Send  (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="42"/>
        <source>Mark what to repaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="49"/>
        <source>Brush</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="50"/>
        <source>Brush (B); [ and ] size it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="52"/>
        <source>Eraser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="52"/>
        <source>Eraser (E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="55"/>
        <source>Rectangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="56"/>
        <source>Rectangle (R); Alt takes away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="60"/>
        <source>Lasso</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="61"/>
        <source>Lasso (L); Alt takes away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="77"/>
        <source>Paint over what should change. Ctrl+wheel zooms, Space+drag or the middle button pans, Ctrl+0 fits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="87"/>
        <source>Brush size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="97"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="99"/>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="101"/>
        <source>Invert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="103"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="109"/>
        <source>Show mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="117"/>
        <source>Red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="118"/>
        <source>Blue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="119"/>
        <source>Yellow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="124"/>
        <source>The mask&apos;s colour on the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="136"/>
        <source>Canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="138"/>
        <source>Aspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="141"/>
        <source>Original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="143"/>
        <source>Any W:H; the image keeps its own proportions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="151"/>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="161"/>
        <source>A zoom out of your own, up to 2×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="162"/>
        <source>Custom zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="167"/>
        <source>Pan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="171"/>
        <source>How far to pan, as a share of the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="173"/>
        <location filename="../../mjdesk/ui/editor/window.py" line="204"/>
        <source>Pan left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="174"/>
        <location filename="../../mjdesk/ui/editor/window.py" line="205"/>
        <source>Pan right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="175"/>
        <location filename="../../mjdesk/ui/editor/window.py" line="206"/>
        <source>Pan up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="176"/>
        <location filename="../../mjdesk/ui/editor/window.py" line="207"/>
        <source>Pan down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/panels.py" line="190"/>
        <source>Zoom out 1.5×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="170"/>
        <source>The image could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="199"/>
        <source>Zoom out {f}×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="224"/>
        <source>Type an aspect as W:H, for example 16:9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="227"/>
        <source>Reframe {aspect}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="238"/>
        <source>Canvas {w} × {h}; the image at {x}, {y}, {iw} × {ih}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="273"/>
        <source>1 task · ≈ {n} credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="275"/>
        <source>1 task · {speed} (the price shows once EvoLink has priced it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="291"/>
        <source>Describe what the edit should paint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="295"/>
        <source>Fix the prompt first (see the notes under it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="298"/>
        <source>The image is still loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="306"/>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="316"/>
        <source>(EvoLink&apos;s canvas route takes only images 1–4 of a recent V8.1 task at their own proportions; this one went by its picture instead.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="320"/>
        <source>Sent. The results arrive in Recent results and under the original.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/window.py" line="330"/>
        <source>The edit could not be prepared; see the log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <location filename="../../mjdesk/jobs/engine.py" line="107"/>
        <source>mjdesk stopped while this prompt was being sent, so it may have been created and charged. Resend it only if it never appears.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/book.py" line="150"/>
        <source>The disk holding the library is full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/book.py" line="152"/>
        <source>The library cannot be written ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/book.py" line="162"/>
        <source>{reason}: paid images wait until it can be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/book.py" line="141"/>
        <source>The library is writable again</source>
        <extracomment>States that end a job&apos;s work, stamped with the time they were reached. Errors of the file system that mean &quot;the library cannot be written right now&quot;. When EvoLink last answered anything (time.monotonic()).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/sender.py" line="182"/>
        <source>{reason}. It is not resent automatically; resend it only if it never appears (you may be charged twice).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/sender.py" line="191"/>
        <source>The API key was refused: check it in Settings. Waiting to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/sender.py" line="195"/>
        <source>Not enough EvoLink credits: top up, then resume. Waiting to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/sender.py" line="219"/>
        <source>Waiting to send: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/sender.py" line="231"/>
        <source>Not sent (nothing was charged): {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/sender.py" line="233"/>
        <source>EvoLink refused the prompt: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/poller.py" line="246"/>
        <source>EvoLink listed {count} results for one task (at most {most} are possible); nothing was downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/downloader.py" line="93"/>
        <source>{missing} of {total} images are not downloaded yet: {reason}. Retry the download later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/downloader.py" line="102"/>
        <source>Retrying the download of {missing} of {total} images: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/downloader.py" line="159"/>
        <source>the disk is full; free some space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/downloader.py" line="162"/>
        <source>the image could not be saved ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/downloader.py" line="172"/>
        <source>EvoLink refused the result link for now ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/downloader.py" line="205"/>
        <source>{withheld} of {asked} images withheld by EvoLink&apos;s moderation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/sender.py" line="164"/>
        <source>An unexpected error happened while sending ({kind})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/poller.py" line="166"/>
        <source>The API key was refused while checking tasks: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="51"/>
        <source>mjdesk — Export 1 image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="53"/>
        <source>mjdesk — Export {n} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="61"/>
        <location filename="../../mjdesk/ui/export_dialog.py" line="66"/>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="63"/>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="69"/>
        <source>Original files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="75"/>
        <location filename="../../mjdesk/ui/export_dialog.py" line="76"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="78"/>
        <source>As made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="80"/>
        <source>At most {n} px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="81"/>
        <source>Maximum size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="82"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="87"/>
        <location filename="../../mjdesk/ui/export_dialog.py" line="92"/>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="94"/>
        <source>File names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="96"/>
        <source>Fields: {date} {prompt} {task} {n} (image number) {id} {speed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="98"/>
        <source>Names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="103"/>
        <source>Embed the prompt and settings in each file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="106"/>
        <source>Off: the files carry no metadata at all (nothing about how they were made)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="118"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="150"/>
        <source>Export to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Feed</name>
    <message>
        <location filename="../../mjdesk/ui/feed_delegate.py" line="69"/>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed_delegate.py" line="71"/>
        <source>{n} min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed_delegate.py" line="74"/>
        <source>{n} h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed_delegate.py" line="75"/>
        <source>{n} d ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed_delegate.py" line="87"/>
        <source>{n} of {total} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed_delegate.py" line="91"/>
        <source>{n} of {asked} withheld by moderation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed_layout.py" line="50"/>
        <source>Vary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed_layout.py" line="51"/>
        <source>Strong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed_layout.py" line="52"/>
        <source>Remix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed_layout.py" line="53"/>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed_layout.py" line="58"/>
        <source>Edit prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed_layout.py" line="59"/>
        <source>Run again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeedView</name>
    <message>
        <location filename="../../mjdesk/ui/feed.py" line="58"/>
        <source>Recent results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed.py" line="60"/>
        <source>Your images appear here as they arrive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed.py" line="182"/>
        <source>Click to put this prompt and its settings back in the editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed.py" line="188"/>
        <source>Vary (subtle) — V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed.py" line="189"/>
        <source>Vary (strong) — Shift+V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed.py" line="190"/>
        <source>Remix with the prompt in the editor — M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed.py" line="194"/>
        <source>Every action on this image — Menu key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/feed.py" line="196"/>
        <source>Favourite — F</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Filters</name>
    <message>
        <location filename="../../mjdesk/ui/library_filters.py" line="103"/>
        <source>Favourites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_filters.py" line="105"/>
        <source>Has references</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_filters.py" line="107"/>
        <source>Grouped by job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_filters.py" line="156"/>
        <source>+ Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_filters.py" line="157"/>
        <source>Add a filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_filters.py" line="226"/>
        <source>Remove this filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_filters.py" line="228"/>
        <source>Remove the filter {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_filters.py" line="267"/>
        <source>Clear all filters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FrameCanvas</name>
    <message>
        <location filename="../../mjdesk/ui/editor/frame.py" line="37"/>
        <source>Canvas and image position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/editor/frame.py" line="103"/>
        <source>Canvas {w} × {h} px</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gallery</name>
    <message>
        <location filename="../../mjdesk/core/evolink.py" line="80"/>
        <source>Only images made by Midjourney V8.1 can be varied or remixed</source>
        <extracomment>The generation model, and the V8.1 routes that act on an image. The longest prompt the route accepts (characters). How long a completed task&apos;s result links (and the task itself, as an edit source) live. Reuse a result link as an image URL only this long, so it cannot expire mid-task. Files uploaded through the files API live 72 hours. The image numbers the routes that take a source task accept (0–3).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/evolink.py" line="82"/>
        <source>EvoLink addresses images 1–4 of a task only; this is image {n} of a draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/evolink.py" line="86"/>
        <source>The source task is older than 30 days; EvoLink may no longer have it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/image_actions.py" line="48"/>
        <source>Open in viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/image_actions.py" line="49"/>
        <source>Edit… (repaint, reframe, retexture)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/image_actions.py" line="50"/>
        <source>Use prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/image_actions.py" line="51"/>
        <source>Use all settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/image_actions.py" line="52"/>
        <source>Use as image prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/image_actions.py" line="53"/>
        <source>Use as style reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/image_actions.py" line="54"/>
        <source>Use as omni reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/image_actions.py" line="55"/>
        <source>Rerun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/image_actions.py" line="56"/>
        <source>Vary (subtle)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/image_actions.py" line="57"/>
        <source>Vary (strong)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/image_actions.py" line="60"/>
        <source>Remix with the current prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/image_actions.py" line="62"/>
        <source>Type the prompt for the remix in the editor first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/image_actions.py" line="64"/>
        <source>Remove background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/image_actions.py" line="65"/>
        <source>Copy image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/image_actions.py" line="66"/>
        <source>Show in folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryPanel</name>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="65"/>
        <source>Search prompts and tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="66"/>
        <source>Search the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="70"/>
        <source>Sort order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="72"/>
        <source>Newest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="73"/>
        <source>Oldest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="74"/>
        <source>Rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="83"/>
        <source>Save search…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="84"/>
        <source>Keep this search and its filters in the sidebar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="96"/>
        <source>Selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="101"/>
        <source>Add a folder of earlier images, with any prompt they carry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="99"/>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="103"/>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="105"/>
        <source>Save the selected images to a folder: format, size, names, metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="114"/>
        <source>Thumbnail size (Ctrl + / Ctrl −)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="115"/>
        <source>Thumbnail size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="168"/>
        <source>The newest {count} matches… counting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="176"/>
        <source>· 1 selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="176"/>
        <source>· {count} selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="183"/>
        <source>1 task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="183"/>
        <source>{count} tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="185"/>
        <source>1 image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="185"/>
        <source>{count} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="194"/>
        <source>No images match. Remove a filter (✕) or change the search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/gallery_panel.py" line="197"/>
        <source>No images here yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryService</name>
    <message>
        <location filename="../../mjdesk/services/gallery.py" line="222"/>
        <source>Imported {count} image(s); {skipped} skipped (duplicates or not images)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryView</name>
    <message>
        <location filename="../../mjdesk/ui/gallery_view.py" line="71"/>
        <source>Library gallery</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="60"/>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="61"/>
        <source>Focus the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="62"/>
        <source>Up / Down (empty prompt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="62"/>
        <source>Earlier prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="63"/>
        <source>Search prompt history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="64"/>
        <source>Draft / Fast / Turbo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="65"/>
        <source>Standard / HD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="67"/>
        <source>Ctrl+V (on a reference zone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="68"/>
        <source>Paste an image or URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="71"/>
        <source>Results: arrows, Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="72"/>
        <source>Move between images, open one in the viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="74"/>
        <source>Vary (subtle / strong), remix the current image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="75"/>
        <source>Put the card&apos;s prompt back, run it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="76"/>
        <source>Rate the selected images, clear the rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="77"/>
        <source>Favourite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="78"/>
        <source>Library: tag the selection, move it to a project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="79"/>
        <source>Library: select every image shown, none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="80"/>
        <source>Library: undo the last rating, tag, move or trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="81"/>
        <source>Menu key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="81"/>
        <source>Actions on the current image or job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="82"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="82"/>
        <source>Move to the trash (Ctrl+Z undoes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="84"/>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="85"/>
        <source>Open in the viewer; Space fit / 1:1, +/− zoom, ←/→ next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="88"/>
        <source>Viewer: C / S / B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="89"/>
        <source>Compare with the original, swipe, before / after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="91"/>
        <source>Bigger / smaller thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="92"/>
        <source>Move between controls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="93"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="94"/>
        <source>This sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="95"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="96"/>
        <source>The menus: every action is in one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="99"/>
        <source>mjdesk — Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="105"/>
        <source>Open log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="118"/>
        <source>About mjdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="119"/>
        <source>mjdesk {version}

A desktop studio for Midjourney V8.1 through EvoLink&apos;s API, with a local library of every image you make.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../mjdesk/ui/history.py" line="11"/>
        <source>mjdesk — Prompt history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/history.py" line="16"/>
        <source>Search your prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/history.py" line="17"/>
        <source>Search prompt history</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageActions</name>
    <message>
        <location filename="../../mjdesk/ui/image_actions.py" line="166"/>
        <source>Image copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageCanvas</name>
    <message>
        <location filename="../../mjdesk/ui/viewer_canvas.py" line="50"/>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <location filename="../../mjdesk/ui/viewer.py" line="46"/>
        <source>mjdesk — Viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer.py" line="71"/>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer.py" line="74"/>
        <source>Versions: the original and its edits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer.py" line="173"/>
        <source>mjdesk — {prompt}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer.py" line="196"/>
        <source>Original</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InfoPanel</name>
    <message>
        <location filename="../../mjdesk/ui/viewer_info.py" line="65"/>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer_info.py" line="71"/>
        <source>Copy prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer_info.py" line="72"/>
        <source>Copy the prompt as it was sent (Ctrl+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer_info.py" line="84"/>
        <source>Rate {n} (key {n}; 0 clears)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer_info.py" line="85"/>
        <source>Rate {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer_info.py" line="91"/>
        <source>Favourite (F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer_info.py" line="92"/>
        <source>Favourite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer_info.py" line="103"/>
        <location filename="../../mjdesk/ui/viewer_info.py" line="106"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer_info.py" line="105"/>
        <source>Add tags, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer_info.py" line="138"/>
        <source>Standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer_info.py" line="142"/>
        <source>Style: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer_info.py" line="145"/>
        <source>1 cost unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer_info.py" line="147"/>
        <source>{n} cost units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer_info.py" line="159"/>
        <source>Made from &lt;a href=&quot;{id}&quot;&gt;its source image&lt;/a&gt; · {made}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer_info.py" line="164"/>
        <source>Made {made}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer_info.py" line="169"/>
        <source>Task {task} · image {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/viewer_info.py" line="185"/>
        <source>Left: {left}

Right: {right}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobsService</name>
    <message>
        <location filename="../../mjdesk/services/jobs.py" line="152"/>
        <source>Add an API key first (Settings), or start mjdesk --demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/services/jobs.py" line="175"/>
        <source>Saved, not sent yet: add an API key in Settings and it will be sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keyring</name>
    <message>
        <location filename="../../mjdesk/secrets.py" line="74"/>
        <source>{name} is read-only; change it in your shell</source>
        <extracomment>Backends trusted with the key, by module: macOS Keychain, Windows Credential Locker, Secret Service (GNOME Keyring, KeePassXC...), KWallet.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/secrets.py" line="81"/>
        <source>{name} is read-only; unset it in your shell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/secrets.py" line="138"/>
        <source>No secure keyring is available on this computer (found {found})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/secrets.py" line="142"/>
        <source>No secure keyring is available on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/secrets.py" line="156"/>
        <source>The keyring did not answer within 5 seconds (is it locked?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/secrets.py" line="162"/>
        <source>The keyring failed: {kind}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibrarySidebar</name>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="52"/>
        <source>Library sidebar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="65"/>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="68"/>
        <source>All images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="69"/>
        <source>Favourites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="70"/>
        <source>Unrated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="71"/>
        <source>Recently added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="72"/>
        <source>Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="75"/>
        <source>Projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="76"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="77"/>
        <source>Saved searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="212"/>
        <source>Empty trash…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="218"/>
        <source>New project inside “{name}”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="222"/>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="225"/>
        <source>Delete project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="230"/>
        <source>Rename or merge tag…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="234"/>
        <source>New project…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryTab</name>
    <message>
        <location filename="../../mjdesk/ui/library_tab.py" line="59"/>
        <source>Show or hide the sidebar (Ctrl+B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_tab.py" line="60"/>
        <source>Sidebar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="295"/>
        <source>The trash is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="299"/>
        <source>mjdesk — Empty trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="300"/>
        <source>Delete {n} images for good? Their files are deleted too; this cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_sidebar.py" line="309"/>
        <source>Deleted {n} images for good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_bulk.py" line="21"/>
        <source>1 image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_bulk.py" line="23"/>
        <source>{n} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_bulk.py" line="63"/>
        <source>{what} — Ctrl+Z to undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_bulk.py" line="71"/>
        <source>Nothing to undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_bulk.py" line="82"/>
        <source>Undone: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_bulk.py" line="94"/>
        <source>no stars</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_bulk.py" line="95"/>
        <source>Rated {images} {stars}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_bulk.py" line="104"/>
        <location filename="../../mjdesk/ui/library_bulk.py" line="151"/>
        <source>Added {images} to favourites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_bulk.py" line="106"/>
        <source>Took {images} out of favourites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_bulk.py" line="111"/>
        <source>Moved {images} to the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_bulk.py" line="118"/>
        <source>Restored {images}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_bulk.py" line="123"/>
        <source>Tagged {images}: {words}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_bulk.py" line="131"/>
        <source>Filed {images} in “{project}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_bulk.py" line="135"/>
        <source>Took {images} out of their project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_tab.py" line="298"/>
        <source>mjdesk — Save search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_tab.py" line="298"/>
        <source>Name this search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_tab.py" line="304"/>
        <source>Saved the search “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_tab.py" line="309"/>
        <source>Import a folder of images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="45"/>
        <source>Select images to export first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="62"/>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="64"/>
        <source>Empty trash…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="87"/>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="89"/>
        <source>No stars</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="92"/>
        <source>Favourite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="94"/>
        <source>Tags…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="96"/>
        <source>Move to project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="98"/>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="100"/>
        <source>New style from these images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="102"/>
        <source>Their pictures as the style references of a new style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="105"/>
        <source>Move to trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="109"/>
        <source>Undo: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="120"/>
        <source>mjdesk — New style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="121"/>
        <source>Name of the style made from {n} image(s):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="140"/>
        <source>Made the style “{name}” from {n} image(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="156"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="159"/>
        <source>mjdesk — Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="69"/>
        <source>Compare the two selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="72"/>
        <source>Select exactly two images to compare them side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_menu.py" line="160"/>
        <source>Project (type a new name to create it):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_projects.py" line="40"/>
        <source>Not done: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_projects.py" line="61"/>
        <source>Made the project “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_projects.py" line="66"/>
        <source>mjdesk — New project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_projects.py" line="67"/>
        <source>Name of the new project:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_projects.py" line="78"/>
        <source>Renamed “{old}” to “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_projects.py" line="85"/>
        <source>mjdesk — Rename project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_projects.py" line="86"/>
        <source>New name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_projects.py" line="94"/>
        <source>mjdesk — Delete project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_projects.py" line="95"/>
        <source>Delete the project “{name}”? Its {n} images stay in the library, in no project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_projects.py" line="108"/>
        <source>Deleted the project “{name}”; its {n} images stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_projects.py" line="123"/>
        <source>Renamed the tag “{old}” on {n} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_projects.py" line="130"/>
        <source>mjdesk — Rename tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/library_projects.py" line="131"/>
        <source>New name (an existing tag&apos;s name merges the two):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/export_dialog.py" line="191"/>
        <source>Exported {n} of {total} images to {folder}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../mjdesk/ui/main_window.py" line="61"/>
        <source>mjdesk — Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/main_window.py" line="97"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/main_window.py" line="98"/>
        <source>&amp;Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/main_window.py" line="99"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/main_window.py" line="167"/>
        <source>Recent results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/main_window.py" line="168"/>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/main_window.py" line="178"/>
        <source>mjdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/main_window.py" line="264"/>
        <source>Moved {count} image(s) to the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/main_window.py" line="265"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/main_window.py" line="273"/>
        <source>This window writes no log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/main_window.py" line="288"/>
        <source>Resume sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/main_window.py" line="290"/>
        <source>Show library folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/main_window.py" line="319"/>
        <source>{stored} of {total} tasks finished with images</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="24"/>
        <source>&amp;Import a folder of images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="25"/>
        <source>&amp;Export the selected images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="26"/>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="28"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="29"/>
        <source>&amp;Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="30"/>
        <source>Prompt &amp;history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="31"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="35"/>
        <source>Open the &amp;log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="37"/>
        <source>The log and crash reports, without your key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/menu_bar.py" line="40"/>
        <source>&amp;About mjdesk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModeBar</name>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="28"/>
        <source>HD cannot be combined with Draft: choose Fast or Turbo first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="31"/>
        <source>Draft cannot be combined with HD: choose Standard first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="45"/>
        <source>&amp;Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="46"/>
        <source>&amp;Fast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="47"/>
        <source>&amp;Turbo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="48"/>
        <source>&amp;Standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="49"/>
        <source>&amp;HD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="52"/>
        <source>Draft: 24 quick 512 px sketches per task, same cost as Fast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="53"/>
        <source>Fast: 4 images, the standard cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="54"/>
        <source>Turbo: 4 images, faster, about twice the cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="55"/>
        <source>Standard resolution, 1× cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="56"/>
        <source>HD: native ~2K output, 1.5× cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="59"/>
        <source>Speed: Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="60"/>
        <source>Speed: Fast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="61"/>
        <source>Speed: Turbo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="62"/>
        <source>Quality: Standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="63"/>
        <source>Quality: HD</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaintCanvas</name>
    <message>
        <location filename="../../mjdesk/ui/editor/paint.py" line="45"/>
        <source>Image to repaint</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParamsPanel</name>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="156"/>
        <location filename="../../mjdesk/ui/controls.py" line="179"/>
        <location filename="../../mjdesk/ui/controls.py" line="221"/>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="162"/>
        <source>Remove --{name} from the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="164"/>
        <source>Remove {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="169"/>
        <source>{label}: drag, or click and use the arrow keys; double-click for the default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="193"/>
        <source>A set of values: each makes its own task. Moving the slider uses one value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="224"/>
        <source>Aspect ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="225"/>
        <source>Aspect ratio (--ar): pick a preset or type W:H</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="229"/>
        <source>W:H</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="232"/>
        <source>Aspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="235"/>
        <source>Stylize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="236"/>
        <source>Chaos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="237"/>
        <source>Exp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="245"/>
        <source>Raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="246"/>
        <source>--raw: turn off Midjourney&apos;s default beautification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="250"/>
        <source>random seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="251"/>
        <location filename="../../mjdesk/ui/controls.py" line="257"/>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="254"/>
        <source>--seed 0–4294967295: the same seed and prompt give similar images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/controls.py" line="282"/>
        <source>A set of aspects: each makes its own task. Pick one to use only it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresetsButton</name>
    <message>
        <location filename="../../mjdesk/ui/presets.py" line="47"/>
        <source>Presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/presets.py" line="49"/>
        <source>Saved prompt fragments: insert one at the cursor, or around the selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/presets.py" line="66"/>
        <source>No presets yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/presets.py" line="69"/>
        <source>Save as preset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/presets.py" line="71"/>
        <source>Delete a preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/presets.py" line="85"/>
        <source>Type or select the words to keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/presets.py" line="88"/>
        <source>mjdesk — Save as preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/presets.py" line="90"/>
        <source>Name of the preset (write {subject} in it where the selection goes):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/presets.py" line="97"/>
        <source>Saved the preset “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromptEditor</name>
    <message>
        <location filename="../../mjdesk/ui/prompt_editor.py" line="61"/>
        <source>Describe an image…  e.g. a lighthouse at dusk, oil painting --ar 3:2 --s 400</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/prompt_editor.py" line="63"/>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/prompt_editor.py" line="261"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/prompt_editor.py" line="262"/>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/prompt_editor.py" line="263"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/prompt_editor.py" line="265"/>
        <source>(right-click to fix)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/prompt_editor.py" line="351"/>
        <source>Fix: remove it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/prompt_editor.py" line="353"/>
        <source>Fix: use “{text}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/prompt_editor.py" line="354"/>
        <source>Fix: rewrite the prompt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Queue</name>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="31"/>
        <source>Waiting to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="32"/>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="33"/>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="34"/>
        <source>Generating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="35"/>
        <source>Downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="36"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="37"/>
        <source>Unconfirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="38"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="39"/>
        <source>Timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="40"/>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="41"/>
        <source>Needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="42"/>
        <source>Stopped waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="76"/>
        <source>Run again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="78"/>
        <source>Only a finished job can be run again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="82"/>
        <source>Resend… (may charge twice)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="84"/>
        <source>Only a job whose sending was not confirmed can be resent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="88"/>
        <source>Cancel (not sent yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="90"/>
        <source>Stop waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="92"/>
        <source>Only a job that is waiting can be stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="96"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="96"/>
        <source>Retry download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="98"/>
        <source>Only a stopped job can be resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="100"/>
        <source>Copy prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="103"/>
        <source>Show in gallery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="105"/>
        <source>No images yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="128"/>
        <source>{n} credits returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="130"/>
        <source>{n} credits, not returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="131"/>
        <source>{n} credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="139"/>
        <source>{n} cr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_words.py" line="139"/>
        <source>{n} cr returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_batches.py" line="71"/>
        <source>Batch · {n} jobs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../mjdesk/ui/queue_panel.py" line="30"/>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_panel.py" line="57"/>
        <source>Prompt copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_panel.py" line="61"/>
        <source>mjdesk — Resend?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/queue_panel.py" line="63"/>
        <source>EvoLink may already have created this task: its answer was lost. Resending it may charge you twice. Resend anyway?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../mjdesk/ui/queue.py" line="282"/>
        <source>Task queue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReferenceZone</name>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="48"/>
        <source>Image prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="50"/>
        <source>Image weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="58"/>
        <source>Style reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="60"/>
        <source>Style weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="68"/>
        <source>Omni reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="70"/>
        <source>Omni weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="81"/>
        <source>Draft cannot use image prompts or references: choose Fast or Turbo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="113"/>
        <source>Drop images or URLs here, or paste with Ctrl+V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="128"/>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="129"/>
        <source>Choose image files (PNG, JPEG, GIF or WebP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="130"/>
        <source>Add {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="192"/>
        <source>{value} (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="225"/>
        <source>Uploading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="243"/>
        <source>Reference {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="268"/>
        <source>Remove {reference}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="269"/>
        <source>Remove this reference from the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="312"/>
        <source>Choose reference images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="314"/>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="348"/>
        <source>The pasted image could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="351"/>
        <source>pasted image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/references.py" line="354"/>
        <source>Drop PNG, JPEG, GIF or WebP images, or image URLs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <location filename="../../mjdesk/ui/results.py" line="63"/>
        <source>The prompt is back in the editor: change it and send it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/results.py" line="67"/>
        <source>Running the prompt again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/results.py" line="78"/>
        <source>Remove from favourites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/results.py" line="78"/>
        <source>Favourite</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Security</name>
    <message>
        <location filename="../../mjdesk/api/security.py" line="110"/>
        <source>{what} is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="113"/>
        <source>{what} contains spaces or control characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="120"/>
        <source>{what} is not a valid URL ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="125"/>
        <source>{what} has no host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="128"/>
        <source>{what} must not contain a user name or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="135"/>
        <source>API base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="141"/>
        <source>{what} must not have a query or fragment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="148"/>
        <source>{what} must use https:// (plain http:// is only allowed on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="155"/>
        <source>{what} must start with https://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="162"/>
        <source>Result URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="168"/>
        <source>Result URL scheme “{scheme}” is not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="174"/>
        <source>Result URL points to this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="182"/>
        <source>Result URL must use https://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="179"/>
        <source>Result URL points to a private or local network address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="207"/>
        <source>{host} resolves to a private or local address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="217"/>
        <source>Callback URL is longer than {limit} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="221"/>
        <source>Callback URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="223"/>
        <source>Callback URL must use https://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="227"/>
        <source>Callback URL must not point to this computer or the local network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="234"/>
        <source>Callback URL must not point to a private or local address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/api/security.py" line="237"/>
        <source>Callback URL needs a public host name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="50"/>
        <source>mjdesk — Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="65"/>
        <source>EvoLink API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="71"/>
        <source>Paste a new key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="73"/>
        <source>Paste your key from the EvoLink dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="75"/>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="78"/>
        <source>Test key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="79"/>
        <source>Save in keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="80"/>
        <source>Use for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="81"/>
        <source>Remove key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="88"/>
        <source>No key is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="90"/>
        <source>Using MJDESK_API_KEY from the environment (read-only here).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="92"/>
        <source>A key is saved in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="93"/>
        <source>A key is kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="94"/>
        <source>Demo mode: the built-in simulator&apos;s key is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="106"/>
        <source>{problem}. mjdesk never writes the key to a file. Either set the MJDESK_API_KEY environment variable before starting mjdesk, or use the key for this session only (you will paste it again next time).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="187"/>
        <source>API base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="189"/>
        <source>Files base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="192"/>
        <source>Callback URL (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="194"/>
        <source>https://… (polling stays on either way)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="158"/>
        <source>Start mjdesk with --library DIR (or MJDESK_LIBRARY) to use another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="160"/>
        <source>Library folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="186"/>
        <source>Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="198"/>
        <source>Tasks sent at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="163"/>
        <source> MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="125"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="127"/>
        <source>Defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="130"/>
        <source>Fast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="131"/>
        <source>Turbo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="132"/>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="136"/>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="138"/>
        <source>Standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="138"/>
        <source>HD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="143"/>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="146"/>
        <source>A new session starts with these modes. Parameters such as --ar and --s stay in the prompt you write, so what is sent is always what you see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="154"/>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="166"/>
        <source>Largest reference upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="168"/>
        <source>Embed the prompt and settings inside saved images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="170"/>
        <source>Turn off to keep prompts out of the image files you share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="171"/>
        <source>Privacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="176"/>
        <source>Follow the system (light or dark)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="177"/>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="178"/>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="173"/>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="183"/>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="184"/>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/settings_dialog.py" line="238"/>
        <source>Paste a key first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="171"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="178"/>
        <source>No jobs running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="180"/>
        <source>1 job running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="182"/>
        <source>{count} jobs running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="187"/>
        <source>● Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="188"/>
        <source>● Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="189"/>
        <source>● Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="191"/>
        <source>● No key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="194"/>
        <source>Offline: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Studio</name>
    <message>
        <location filename="../../mjdesk/app/studio.py" line="174"/>
        <source>mjdesk — Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/app/studio.py" line="175"/>
        <source>{message}

mjdesk kept running. A report (without your key) was written to:
{report}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudioService</name>
    <message>
        <location filename="../../mjdesk/settings.py" line="48"/>
        <source>API base URL</source>
        <extracomment>Names of the settings, for the notices that say which value was not kept.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="49"/>
        <source>Files base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="50"/>
        <source>Callback URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="51"/>
        <source>Prompts sent at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="52"/>
        <source>Downloads at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="53"/>
        <source>Largest reference image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="54"/>
        <source>Default speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="55"/>
        <source>Default quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="56"/>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="57"/>
        <source>Saved searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="58"/>
        <source>Prompt presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="59"/>
        <source>Library folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="83"/>
        <source>Between {lo} and {hi}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="87"/>
        <source>Draft, Fast or Turbo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="89"/>
        <source>Standard, or HD when not Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="91"/>
        <source>System, dark or light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="93"/>
        <source>A saved search is not readable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="95"/>
        <source>A prompt preset is not readable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="137"/>
        <location filename="../../mjdesk/settings.py" line="141"/>
        <source>The settings file could not be read; defaults are used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="153"/>
        <source>not a valid value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="171"/>
        <source>Settings: {setting} was not used ({reason}); the default applies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/settings.py" line="85"/>
        <source>Between 1 and 100 MB</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Styles</name>
    <message>
        <location filename="../../mjdesk/ui/style_card.py" line="36"/>
        <source>Style {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_card.py" line="41"/>
        <source>{n} style references</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_card.py" line="45"/>
        <source>Missing: {files}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_card.py" line="47"/>
        <source>Click to apply it to the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_card.py" line="111"/>
        <source>⚠ {n} file(s) missing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StylesPanel</name>
    <message>
        <location filename="../../mjdesk/ui/styles_panel.py" line="58"/>
        <source>Save a prompt&apos;s look — its style references, weights and parameters — and apply it to any prompt with one click.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/styles_panel.py" line="66"/>
        <source>Save as style…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/styles_panel.py" line="68"/>
        <source>Keep this prompt&apos;s style references, weights and parameters as a style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/styles_panel.py" line="72"/>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/styles_panel.py" line="73"/>
        <source>Add a style a colleague exported (.mjstyle)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/styles_panel.py" line="128"/>
        <source>Nothing to keep yet: add style references or parameters to the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/styles_panel.py" line="133"/>
        <source>mjdesk — Save as style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/styles_panel.py" line="134"/>
        <source>Name of the style:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/styles_panel.py" line="147"/>
        <source>Not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/styles_panel.py" line="154"/>
        <source>Saved the style “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/styles_panel.py" line="173"/>
        <source>mjdesk — Two styles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/styles_panel.py" line="175"/>
        <source>“{a}” and “{b}” both set {what}. Which one&apos;s values win?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/styles_panel.py" line="199"/>
        <source>Applying “{name}”: its reference files are uploaded if needed…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/styles_panel.py" line="212"/>
        <source>Applied the style “{name}” (Ctrl+Z in the prompt takes it back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/styles_panel.py" line="220"/>
        <source>The style “{name}” was not applied: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="53"/>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="54"/>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="56"/>
        <source>Update from the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="60"/>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="62"/>
        <source>{name} copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="65"/>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="66"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="74"/>
        <source>Export the style “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="76"/>
        <location filename="../../mjdesk/ui/style_actions.py" line="111"/>
        <source>mjdesk styles (*.mjstyle)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="86"/>
        <source>Exported the style “{name}” to {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="90"/>
        <source> ({n} reference(s) could not be fetched: the link only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="101"/>
        <source>Not exported: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="109"/>
        <source>Import a style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="122"/>
        <source>Imported the style “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="126"/>
        <source>Not imported: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="140"/>
        <source>The prompt has no look to keep (no references or parameters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="151"/>
        <source>Updated the style “{name}” from the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="161"/>
        <source>mjdesk — Rename style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="162"/>
        <source>New name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/style_actions.py" line="185"/>
        <source>Deleted “{name}” · &lt;a href=&quot;undo&quot;&gt;Undo&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <location filename="../../mjdesk/ui/tag_editor.py" line="100"/>
        <source>mjdesk — Tags of 1 image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/tag_editor.py" line="102"/>
        <source>mjdesk — Tags of {n} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/tag_editor.py" line="106"/>
        <source>Tags, separated by spaces (Tab completes a tag you have used):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/tag_editor.py" line="111"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/tag_editor.py" line="115"/>
        <source>On some of them (kept): {tags}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskErrors</name>
    <message>
        <location filename="../../mjdesk/core/messages.py" line="10"/>
        <source>Blocked by EvoLink&apos;s safety filters. Rephrase the prompt or change the reference images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/messages.py" line="14"/>
        <source>EvoLink refused the parameters. Check the prompt&apos;s -- parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/messages.py" line="17"/>
        <source>A reference image could not be read or fetched. Use another image or upload it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/messages.py" line="21"/>
        <source>The image size does not match what this action needs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/messages.py" line="24"/>
        <source>The task was cancelled. Send it again if you still want it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/messages.py" line="27"/>
        <source>Midjourney produced no image. Retry, or vary the prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/messages.py" line="30"/>
        <source>EvoLink had an internal error. Retry in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/messages.py" line="31"/>
        <source>Midjourney took too long and gave up. Retry in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/messages.py" line="34"/>
        <source>EvoLink is out of capacity right now. Retry in a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/messages.py" line="37"/>
        <source>A rate limit or quota was hit. Wait a little, then retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/messages.py" line="40"/>
        <source>EvoLink is temporarily unavailable. Retry in a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/messages.py" line="43"/>
        <source>EvoLink no longer knows this task (invalid or expired).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/messages.py" line="46"/>
        <source>The task failed without a reason. Retry; if it keeps failing, contact EvoLink.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/core/messages.py" line="73"/>
        <source>{reason} (EvoLink said: {said})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/poller.py" line="154"/>
        <source>EvoLink does not know this task any more (404).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/poller.py" line="197"/>
        <source>No final answer from EvoLink after 24 hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/jobs/downloader.py" line="191"/>
        <source>{expired} of {total} result links expired before the images could be downloaded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskOwner</name>
    <message>
        <location filename="../../mjdesk/services/owner.py" line="39"/>
        <source>Something went wrong ({task}); see the log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="98"/>
        <source>Midjourney V8.1 · EvoLink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="102"/>
        <source>Demo — simulated results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="104"/>
        <source>Demo mode: results are simulated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="111"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="112"/>
        <source>Settings: API key, library, appearance (Ctrl+,)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="126"/>
        <source>{amount} credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="129"/>
        <source>Your EvoLink balance, read after each task ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="133"/>
        <source>−{amount} since the last reading: tasks were charged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="136"/>
        <source>+{amount} since the last reading: EvoLink returned credits (a failed task is refunded) or the balance was topped up</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UploadService</name>
    <message>
        <location filename="../../mjdesk/services/uploads.py" line="138"/>
        <source>The pasted image could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/services/uploads.py" line="178"/>
        <source>Not a PNG, JPEG, GIF or WebP image; nothing was uploaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/services/uploads.py" line="182"/>
        <source>The image is larger than {limit} MB; nothing was uploaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/services/uploads.py" line="188"/>
        <source>The image is damaged or incomplete; nothing was uploaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/services/uploads.py" line="196"/>
        <source>Add an API key first: images are uploaded to EvoLink</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="205"/>
        <source>Starting the demo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/ui/chrome.py" line="207"/>
        <source>The demo could not be started</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../mjdesk/app/studio.py" line="204"/>
        <source>mjdesk — Rebuild the library index?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../mjdesk/app/studio.py" line="206"/>
        <source>{problem}

Rebuild the index from the image files now? The old database is kept beside it, renamed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
