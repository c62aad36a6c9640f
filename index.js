// n8n discovers this package's node and credential through the "n8n" section of package.json,
// not through this entry point; it exists so that `require('n8n-nodes-huawei-ocr')` resolves.
module.exports = {};
