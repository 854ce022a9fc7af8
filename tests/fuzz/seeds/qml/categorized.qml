<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.28.0">
 <renderer-v2 type="categorizedSymbol" attr="ma_sdd">
  <categories>
   <category symbol="0" value="ONT" label="Đất ở nông thôn" render="true"/>
   <category symbol="1" value="" label="khác" render="true"/>
  </categories>
  <symbols>
   <symbol type="fill" name="0" alpha="0.8"><layer class="SimpleFill"><Option type="Map"><Option name="color" value="255,160,170,255" type="QString"/><Option name="outline_width" value="0.26" type="QString"/><Option name="outline_width_unit" value="MapUnit" type="QString"/></Option></layer></symbol>
   <symbol type="marker" name="1"><layer class="SimpleMarker"><prop k="name" v="triangle"/><prop k="size" v="3"/><prop k="color" v="#00ff00"/></layer></symbol>
  </symbols>
 </renderer-v2>
</qgis>
